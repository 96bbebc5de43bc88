package io.paddock.coordinator.schedule;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

/**
 * A unit's wire id: {@code <generationId>/<candidate>/<unit>}. Parsing treats the text as hostile.
 */
public record UnitId(String generationId, int candidate, int unit) {
    private static final String RULE = "unit id must be <generation>/<candidate>/<unit>";

    public static UnitId parse(String text) {
        int a = text.indexOf('/');
        int b = a < 0 ? -1 : text.indexOf('/', a + 1);
        if (a <= 0 || b < 0 || text.indexOf('/', b + 1) >= 0) {
            throw new FormatException(ErrorCode.INVALID_MESSAGE, RULE, text);
        }
        return new UnitId(text.substring(0, a), index(text.substring(a + 1, b), text), index(text.substring(b + 1), text));
    }

    private static int index(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 9) {
            throw new FormatException(ErrorCode.INVALID_MESSAGE, RULE, text);
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw new FormatException(ErrorCode.INVALID_MESSAGE, RULE, text);
            }
        }
        return Integer.parseInt(digits);
    }

    public String candidateKey() {
        return CandidateWork.key(generationId, candidate);
    }

    @Override
    public String toString() {
        return generationId + "/" + candidate + "/" + unit;
    }
}
