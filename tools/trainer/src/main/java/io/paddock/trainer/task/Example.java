package io.paddock.trainer.task;

/** One problem of a task: the prompt the model sees and the answer it must generate. */
public record Example(String task, String prompt, String answer) {
}
