package io.paddock.protocol.generation;

import io.paddock.protocol.suite.Suite;
import java.util.Objects;

/** A generation's suite: by reference (a path or a {@code sha256:} digest) or inline. */
public sealed interface SuiteRef permits SuiteRef.Reference, SuiteRef.Inline {

    /** {@code "suite": "suites/arith.jsonl"} or {@code "suite": "sha256:…"}. */
    record Reference(String reference) implements SuiteRef {
        public Reference {
            Objects.requireNonNull(reference, "suite reference");
        }
    }

    /** {@code "suite": [ {case}, … ]}. */
    record Inline(Suite suite) implements SuiteRef {
        public Inline {
            Objects.requireNonNull(suite, "inline suite");
        }
    }
}
