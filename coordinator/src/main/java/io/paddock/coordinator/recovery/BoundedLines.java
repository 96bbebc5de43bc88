package io.paddock.coordinator.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Newline-separated byte lines of a stream, each at most {@code cap} bytes: a longer line is
 * flagged ({@link #tooLong()}) and not kept, and reading resumes after its newline. Nothing read
 * sizes an allocation beyond the cap.
 */
final class BoundedLines {
    private final InputStream in;
    private final int cap;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    private int length;
    private boolean tooLong;

    BoundedLines(InputStream in, int cap) {
        this.in = in;
        this.cap = cap;
    }

    /** Moves to the next line (a last line without newline counts); false at the end. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                int n = in.read(chunk);
                if (n < 0) {
                    return any;
                }
                chunkPos = 0;
                chunkEnd = n;
            }
            any = true;
            int start = chunkPos;
            int nl = -1;
            for (int i = start; i < chunkEnd; i++) {
                if (chunk[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? chunkEnd : nl;
            keep(start, end);
            chunkPos = nl < 0 ? chunkEnd : nl + 1;
            if (nl >= 0) {
                return true;
            }
        }
    }

    private void keep(int start, int end) {
        int n = end - start;
        if (tooLong || n == 0) {
            return;
        }
        if ((long) length + n > cap) {
            tooLong = true;
            length = 0;
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(cap, Math.max((long) line.length * 2, (long) length + n)));
        }
        System.arraycopy(chunk, start, line, length, n);
        length += n;
    }

    boolean tooLong() {
        return tooLong;
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }
}
