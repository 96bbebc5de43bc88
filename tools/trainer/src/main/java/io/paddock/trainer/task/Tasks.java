package io.paddock.trainer.task;

/**
 * Task families by their command-line form {@code name:args}: {@code reverse:MIN-MAX},
 * {@code copy:MIN-MAX}, {@code sort:MIN-MAX} (letter counts) and {@code add:DIGITS}.
 */
public final class Tasks {
    private Tasks() {
    }

    /** Parses one task; IllegalArgumentException naming the accepted forms otherwise. */
    public static Task parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw usage(text);
        }
        String name = text.substring(0, colon);
        String args = text.substring(colon + 1);
        try {
            switch (name) {
                case "add":
                    return new Addition(Integer.parseInt(args));
                case "reverse":
                    return new Reverse(low(args), high(args));
                case "copy":
                    return new Copy(low(args), high(args));
                case "sort":
                    return new Sort(low(args), high(args));
                default:
                    throw usage(text);
            }
        } catch (NumberFormatException e) {
            throw usage(text);
        }
    }

    /** The command-line form of a task (parses back to an equal task). */
    public static String format(Task task) {
        if (task instanceof Addition a) {
            return "add:" + a.digits();
        }
        if (task instanceof Reverse r) {
            return "reverse:" + r.min() + "-" + r.max();
        }
        if (task instanceof Copy c) {
            return "copy:" + c.min() + "-" + c.max();
        }
        if (task instanceof Sort s) {
            return "sort:" + s.min() + "-" + s.max();
        }
        throw new IllegalArgumentException("unknown task " + task);
    }

    private static int low(String range) {
        int dash = range.indexOf('-');
        if (dash < 0) {
            throw new NumberFormatException(range);
        }
        return Integer.parseInt(range.substring(0, dash));
    }

    private static int high(String range) {
        return Integer.parseInt(range.substring(range.indexOf('-') + 1));
    }

    private static IllegalArgumentException usage(String text) {
        return new IllegalArgumentException("unknown task '" + text
                + "' (expected reverse:MIN-MAX, copy:MIN-MAX, sort:MIN-MAX or add:DIGITS, e.g. reverse:1-6 or add:2)");
    }
}
