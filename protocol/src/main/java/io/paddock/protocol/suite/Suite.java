package io.paddock.protocol.suite;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An eval suite: a name (its file name or another label used in messages) and its cases
 * in file order, ids unique. Parsed by {@link SuiteParser}, written by {@link SuiteWriter}.
 */
public record Suite(String name, List<EvalCase> cases) {
    /** @throws IllegalArgumentException on a null name or case, no cases, or a repeated case id */
    public Suite {
        Objects.requireNonNull(name, "suite name");
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("suite '" + name + "' has no cases");
        }
        Set<String> ids = new HashSet<>();
        for (EvalCase c : cases) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("suite '" + name + "' repeats case id '" + c.id() + "'");
            }
        }
    }

    public int size() {
        return cases.size();
    }
}
