package io.paddock.trainer.data;

import java.util.List;

/**
 * Sequences packed row by row for one pass of the network: the input ids of every sequence one
 * after another, each row's position inside its sequence, the sequence boundaries, and the rows
 * whose prediction counts toward the loss with their target ids.
 *
 * @param tokens     input id of each row
 * @param positions  position of each row within its sequence
 * @param starts     first row of each sequence, plus the total row count at the end
 * @param targetRows rows whose next-token prediction is scored, ascending
 * @param targets    the target id of each scored row
 */
public record Shard(int[] tokens, int[] positions, int[] starts, int[] targetRows, int[] targets) {

    public static Shard pack(List<TokenSequence> sequences) {
        int rows = 0;
        int scored = 0;
        for (TokenSequence s : sequences) {
            rows += s.inputLength();
            scored += s.targetCount();
        }
        int[] tokens = new int[rows];
        int[] positions = new int[rows];
        int[] starts = new int[sequences.size() + 1];
        int[] targetRows = new int[scored];
        int[] targets = new int[scored];
        int row = 0;
        int t = 0;
        for (int k = 0; k < sequences.size(); k++) {
            TokenSequence s = sequences.get(k);
            starts[k] = row;
            int[] ids = s.ids();
            for (int i = 0; i < s.inputLength(); i++) {
                tokens[row + i] = ids[i];
                positions[row + i] = i;
                if (i >= s.answerStart() - 1) {
                    targetRows[t] = row + i;
                    targets[t] = ids[i + 1];
                    t++;
                }
            }
            row += s.inputLength();
        }
        starts[sequences.size()] = row;
        return new Shard(tokens, positions, starts, targetRows, targets);
    }

    public int rows() {
        return tokens.length;
    }

    public int sequences() {
        return starts.length - 1;
    }

    public int length(int sequence) {
        return starts[sequence + 1] - starts[sequence];
    }

    public int targetCount() {
        return targets.length;
    }

    /** The longest sequence (rows). */
    public int maxLength() {
        int max = 0;
        for (int s = 0; s < sequences(); s++) {
            max = Math.max(max, length(s));
        }
        return max;
    }
}
