package io.paddock.protocol.json;

import io.paddock.protocol.error.FormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict RFC 8259 parser for untrusted text. Rejects everything the grammar does not allow
 * (comments, trailing commas, single quotes, leading zeros, NaN, raw control characters in
 * strings), duplicate object keys and unpaired surrogates, and enforces {@link JsonLimits}.
 * Errors are {@link FormatException}s reading {@code label:line:column: rule: got bad},
 * with the character offset.
 */
public final class JsonParser {
    private final String text;
    private final JsonLimits limits;
    private final JsonSource source;
    private int pos;
    private int depth;

    private JsonParser(String text, JsonLimits limits, JsonSource source) {
        this.text = text;
        this.limits = limits;
        this.source = source;
    }

    /** Parses one JSON value filling all of {@code text} (surrounding whitespace allowed). */
    public static JsonValue parse(String text, JsonLimits limits, JsonSource source) {
        if (text.length() > limits.maxInputChars()) {
            throw new FormatException(source.code(), source.label() + ":" + source.firstLine()
                    + ": JSON input longer than " + limits.maxInputChars() + " chars", source.baseOffset(),
                    text.length() + " chars");
        }
        JsonParser parser = new JsonParser(text, limits, source);
        parser.skipWhitespace();
        JsonValue value = parser.parseValue();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error(parser.pos, "unexpected content after the JSON value");
        }
        return value;
    }

    /** Parses {@code text} named {@code label}, input bounded by {@code maxInputChars}. */
    public static JsonValue parse(String text, int maxInputChars, String label) {
        return parse(text, JsonLimits.ofInput(maxInputChars), JsonSource.of(label));
    }

    private JsonValue parseValue() {
        if (pos >= text.length()) {
            throw error(pos, "expected a JSON value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return parseObject();
            case '[':
                return parseArray();
            case '"':
                return new JsonString(parseString());
            case 't':
                expectWord("true");
                return JsonBool.TRUE;
            case 'f':
                expectWord("false");
                return JsonBool.FALSE;
            case 'n':
                expectWord("null");
                return JsonNull.INSTANCE;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return parseNumber();
                }
                throw error(pos, "expected a JSON value (object, array, string, number, true, false or null)");
        }
    }

    private JsonObject parseObject() {
        enter();
        pos++;
        LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new JsonObject(members);
        }
        while (true) {
            if (peek() != '"') {
                throw error(pos, "expected an object key in double quotes");
            }
            int keyStart = pos;
            String key = parseString();
            if (members.containsKey(key)) {
                throw error(keyStart, "duplicate object key \"" + shorten(key) + "\"");
            }
            skipWhitespace();
            if (peek() != ':') {
                throw error(pos, "expected ':' after an object key");
            }
            pos++;
            skipWhitespace();
            members.put(key, parseValue());
            skipWhitespace();
            int c = peek();
            if (c == ',') {
                pos++;
                skipWhitespace();
            } else if (c == '}') {
                pos++;
                depth--;
                return new JsonObject(members);
            } else {
                throw error(pos, "expected ',' or '}' after an object member");
            }
        }
    }

    private JsonArray parseArray() {
        enter();
        pos++;
        List<JsonValue> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new JsonArray(items);
        }
        while (true) {
            items.add(parseValue());
            skipWhitespace();
            int c = peek();
            if (c == ',') {
                pos++;
                skipWhitespace();
            } else if (c == ']') {
                pos++;
                depth--;
                return new JsonArray(items);
            } else {
                throw error(pos, "expected ',' or ']' after an array element");
            }
        }
    }

    private String parseString() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        int pendingHigh = -1;
        while (true) {
            if (pos >= text.length()) {
                throw error(pos, "unterminated string (opened at " + lineColumn(start) + ")");
            }
            int unitStart = pos;
            char c = text.charAt(pos);
            char unit;
            if (c == '"') {
                if (pendingHigh >= 0) {
                    throw error(pendingHigh, "unpaired high surrogate in string");
                }
                pos++;
                return sb.toString();
            } else if (c == '\\') {
                unit = parseEscape();
            } else if (c < 0x20) {
                throw error(pos, "control character in string must be escaped");
            } else {
                unit = c;
                pos++;
            }
            if (pendingHigh >= 0) {
                if (!Character.isLowSurrogate(unit)) {
                    throw error(pendingHigh, "unpaired high surrogate in string");
                }
                pendingHigh = -1;
            } else if (Character.isHighSurrogate(unit)) {
                pendingHigh = unitStart;
            } else if (Character.isLowSurrogate(unit)) {
                throw error(unitStart, "unpaired low surrogate in string");
            }
            if (sb.length() >= limits.maxStringChars()) {
                throw error(start, "string longer than " + limits.maxStringChars() + " chars");
            }
            sb.append(unit);
        }
    }

    private char parseEscape() {
        int at = pos;
        pos++;
        if (pos >= text.length()) {
            throw error(pos, "unterminated escape sequence");
        }
        char e = text.charAt(pos);
        pos++;
        int simple = JsonEscapes.simple(e);
        if (simple >= 0) {
            return (char) simple;
        }
        switch (e) {
            case 'u':
                int v = 0;
                for (int k = 0; k < 4; k++) {
                    int d = pos < text.length() ? JsonEscapes.hexValue(text.charAt(pos)) : -1;
                    if (d < 0) {
                        throw error(pos, "\\u escape needs 4 hex digits");
                    }
                    v = v << 4 | d;
                    pos++;
                }
                return (char) v;
            default:
                throw error(at, "invalid escape sequence (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    private JsonNumber parseNumber() {
        int start = pos;
        int end = JsonNumber.scan(text, pos);
        if (end < 0) {
            int bad = -end - 1;
            // the grammar only stops at a digit when it follows a leading zero
            boolean leadingZero = bad < text.length() && text.charAt(bad) >= '0' && text.charAt(bad) <= '9';
            throw error(bad, leadingZero ? "leading zeros are not allowed in numbers" : "malformed number");
        }
        if (end - start > limits.maxStringChars()) {
            throw error(start, "number literal longer than " + limits.maxStringChars() + " chars");
        }
        pos = end;
        return new JsonNumber(text.substring(start, end));
    }


    private void expectWord(String word) {
        if (!text.startsWith(word, pos)) {
            throw error(pos, "invalid literal (expected " + word + ")");
        }
        pos += word.length();
    }

    private void enter() {
        if (depth >= limits.maxDepth()) {
            throw error(pos, "arrays and objects nested deeper than " + limits.maxDepth() + " levels");
        }
        depth++;
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private String lineColumn(int at) {
        int line = source.firstLine();
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (at - lineStart + 1);
    }

    private FormatException error(int at, String rule) {
        return new FormatException(source.code(), source.label() + ":" + lineColumn(at) + ": " + rule,
                source.baseOffset() + at, describeAt(at));
    }

    private String describeAt(int at) {
        if (at >= text.length()) {
            return "end of input";
        }
        char c = text.charAt(at);
        if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
            return JsonWriter.codePointLabel(c);
        }
        return "'" + c + "'";
    }

    private static String shorten(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        StringBuilder sb = new StringBuilder();
        JsonWriter.appendEscaped(cut, sb);
        return sb.toString();
    }
}
