package io.paddock.protocol.adapter;

/**
 * A glob over canonical tensor names: {@code *} matches any run of characters (also none),
 * {@code ?} exactly one; everything else matches itself. E.g. {@code layers.*.wq.weight}.
 */
public record TensorGlob(String pattern) {

    public TensorGlob {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("tensor glob must not be empty");
        }
    }

    public boolean matches(String name) {
        int p = 0;
        int s = 0;
        int star = -1;
        int mark = 0;
        while (s < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(s))) {
                p++;
                s++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = s;
            } else if (star >= 0) {
                p = star + 1;
                s = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
