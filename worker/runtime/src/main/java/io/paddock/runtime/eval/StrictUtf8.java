package io.paddock.runtime.eval;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes of a suite text, rejecting a lone surrogate (InvalidUtf8) instead of letting
 * the platform replace it: the JVM writes '?', a browser U+FFFD, and evidence must not differ.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    static byte[] encode(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new FormatException(ErrorCode.INVALID_UTF8,
                        what + " must be valid Unicode (lone surrogate at char " + i + ")",
                        "U+" + Integer.toHexString(c));
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
