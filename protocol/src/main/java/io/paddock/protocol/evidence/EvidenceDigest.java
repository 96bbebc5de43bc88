package io.paddock.protocol.evidence;

import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.hash.Sha256;

import java.util.Collections;
import java.util.List;

/**
 * The evidence digest: {@code "sha256:" + 64 lowercase hex} over the canonical
 * {@link EvidenceEncoding} of a candidate's case results, in case order. Two workers that
 * ran the same cases on the same candidate with the same sampling report the same digest;
 * timings never enter it. A case digest is the digest of the one-case list.
 */
public final class EvidenceDigest {
    public static final String PREFIX = Digest.PREFIX;

    private EvidenceDigest() {
    }

    /** The digest of these results, in this order, as {@code sha256:<64 hex>}. */
    public static String of(List<? extends CaseResult> results) {
        return digest(results).toString();
    }

    /** The same digest as a {@link Digest} value. */
    public static Digest digest(List<? extends CaseResult> results) {
        Sha256 sha = new Sha256();
        sha.update(EvidenceEncoding.header(results.size()));
        for (CaseResult r : results) {
            sha.update(EvidenceEncoding.encodeCase(r));
        }
        return Digest.of(sha);
    }

    /** The digest of one case: the same as {@code of(List.of(result))}. */
    public static String ofCase(CaseResult result) {
        return of(Collections.singletonList(result));
    }
}
