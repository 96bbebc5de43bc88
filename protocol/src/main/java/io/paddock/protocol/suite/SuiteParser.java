package io.paddock.protocol.suite;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.json.ErrorContext;
import io.paddock.protocol.json.JsonArray;
import io.paddock.protocol.json.JsonLimits;
import io.paddock.protocol.json.JsonParser;
import io.paddock.protocol.json.JsonSource;
import io.paddock.protocol.json.JsonValue;
import io.paddock.protocol.json.ObjectReader;
import io.paddock.protocol.json.Utf8;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an eval suite: JSONL, one case per line,
 * {@code {"id", "prompt", "expected", "max_new_tokens", "match"}} with {@code match} one of
 * {@code exact|prefix|contains} (default exact). Blank lines are skipped; lines end in LF or
 * CRLF. Unknown, missing or mistyped fields, an empty id, prompt or expected text,
 * {@code max_new_tokens} outside 1..{@value #MAX_NEW_TOKENS}, duplicate ids, invalid UTF-8 and
 * exceeded {@link SuiteLimits} are {@link FormatException}s ({@link ErrorCode#INVALID_SUITE})
 * reading e.g. {@code suite.jsonl:7: field 'max_new_tokens' must be ≥ 1: got 0}.
 */
public final class SuiteParser {
    /** Largest accepted {@code max_new_tokens}. */
    public static final int MAX_NEW_TOKENS = 65536;
    /** Longest accepted case id, in chars. */
    public static final int MAX_ID_CHARS = 256;
    /** The field names of a case, in canonical order. */
    public static final List<String> FIELDS = List.of("id", "prompt", "expected", "max_new_tokens", "match");

    private static final int CASE_DEPTH = 8;

    private SuiteParser() {
    }

    public static Suite parse(String text, String name) {
        return parse(text, name, SuiteLimits.DEFAULT);
    }

    /** Parses JSONL {@code text}; {@code name} labels the suite and its error messages. */
    public static Suite parse(String text, String name, SuiteLimits limits) {
        long bytes = Utf8.encodedLength(text);
        if (bytes > limits.maxBytes()) {
            throw new FormatException(ErrorCode.INVALID_SUITE, name + ": suite larger than "
                    + limits.maxBytes() + " bytes", bytes + " bytes");
        }
        return parseLines(text, name, limits);
    }

    public static Suite parse(byte[] utf8, String name) {
        return parse(utf8, name, SuiteLimits.DEFAULT);
    }

    /** Parses JSONL bytes, which must be valid UTF-8. */
    public static Suite parse(byte[] utf8, String name, SuiteLimits limits) {
        if (utf8.length > limits.maxBytes()) {
            throw new FormatException(ErrorCode.INVALID_SUITE, name + ": suite larger than "
                    + limits.maxBytes() + " bytes", utf8.length + " bytes");
        }
        return parseLines(Utf8.decode(utf8, name, ErrorCode.INVALID_SUITE), name, limits);
    }

    /**
     * An inline suite: a JSON array of case objects at {@code path} (e.g. {@code suite} in a
     * generation), errors naming {@code path[i]}.
     */
    public static Suite fromJson(JsonArray cases, String name, ErrorContext context, String path, SuiteLimits limits) {
        if (cases.size() > limits.maxCases()) {
            throw context.fail("field '" + path + "' has more than " + limits.maxCases() + " cases",
                    cases.size() + " cases");
        }
        if (cases.size() == 0) {
            throw context.fail("field '" + path + "' must hold at least one case", "[]");
        }
        List<EvalCase> out = new ArrayList<>(cases.size());
        Map<String, String> firstSeen = new HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            String casePath = path + "[" + i + "]";
            EvalCase c = readCase(cases.get(i), context, casePath);
            String previous = firstSeen.putIfAbsent(c.id(), casePath);
            if (previous != null) {
                throw context.fail("field '" + casePath + ".id' repeats the id of " + previous, quoted(c.id()));
            }
            out.add(c);
        }
        return new Suite(name, out);
    }

    /** One case from a JSON object at {@code path} ("" for a JSONL line). */
    public static EvalCase readCase(JsonValue value, ErrorContext context, String path) {
        ObjectReader r = ObjectReader.of(value, context, path, FIELDS);
        String id = r.nonEmptyString("id", MAX_ID_CHARS);
        String prompt = r.nonEmptyString("prompt", Integer.MAX_VALUE);
        String expected = r.nonEmptyString("expected", Integer.MAX_VALUE);
        int maxNewTokens = r.integer("max_new_tokens", 1, MAX_NEW_TOKENS);
        MatchRule match = MatchRule.EXACT;
        if (r.has("match")) {
            String label = r.string("match");
            match = matchRule(label);
            if (match == null) {
                throw r.fail("match", "must be one of exact, prefix, contains", quoted(label));
            }
        }
        return new EvalCase(id, prompt, expected, maxNewTokens, match);
    }

    private static Suite parseLines(String text, String name, SuiteLimits limits) {
        JsonLimits json = new JsonLimits(limits.maxLineChars(), CASE_DEPTH, limits.maxLineChars());
        List<EvalCase> cases = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            lineNo++;
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int next = nl < 0 ? text.length() : nl + 1;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            if (end - start > limits.maxLineChars()) {
                throw new FormatException(ErrorCode.INVALID_SUITE, name + ":" + lineNo + ": line longer than "
                        + limits.maxLineChars() + " chars", start, (end - start) + " chars");
            }
            if (!isBlank(text, start, end)) {
                if (cases.size() == limits.maxCases()) {
                    throw new FormatException(ErrorCode.INVALID_SUITE, name + ":" + lineNo + ": suite has more than "
                            + limits.maxCases() + " cases", start, (cases.size() + 1) + " cases");
                }
                JsonValue value = JsonParser.parse(text.substring(start, end), json,
                        new JsonSource(name, ErrorCode.INVALID_SUITE, lineNo, start));
                ErrorContext context = ErrorContext.of(name + ":" + lineNo);
                EvalCase c = readCase(value, context, "");
                Integer previous = firstLine.putIfAbsent(c.id(), lineNo);
                if (previous != null) {
                    throw context.fail("duplicate case id (first on line " + previous + ")", quoted(c.id()));
                }
                cases.add(c);
            }
            start = next;
        }
        if (cases.isEmpty()) {
            throw new FormatException(ErrorCode.INVALID_SUITE, name + ": suite has no cases", lineNo + " blank lines");
        }
        return new Suite(name, cases);
    }

    private static MatchRule matchRule(String label) {
        for (MatchRule m : MatchRule.values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        return null;
    }

    private static boolean isBlank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String quoted(String s) {
        return io.paddock.protocol.json.JsonWriter.quote(s.length() > 80 ? s.substring(0, 80) + "…" : s);
    }
}
