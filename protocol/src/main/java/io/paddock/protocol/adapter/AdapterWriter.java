package io.paddock.protocol.adapter;

import io.paddock.protocol.hash.FileChecksum;

import java.util.List;

/**
 * Writes an adapter in the exact C7 layout: the 96-byte header, then the records in the
 * order given, with the C1 checksum filled in. Identical input gives identical bytes.
 * The adapter is checked first against every rule {@link AdapterReader} enforces, so a
 * written file always reads back (FormatException naming the rule and the offset the
 * bad field would have had; IllegalArgumentException for inconsistent arrays).
 */
public final class AdapterWriter {
    private AdapterWriter() {
    }

    public static byte[] write(Adapter adapter) {
        long size = AdapterContent.check(adapter);
        AdapterBinding b = adapter.binding();
        List<DeltaRecord> records = adapter.records();
        ByteSink out = new ByteSink((int) size);
        out.ascii(adapter.kind().magic());
        out.u32(AdapterFormat.VERSION);
        out.u32(AdapterFormat.HEADER_LENGTH);
        out.u32(b.modelFlags());
        out.u32(b.tensorCount());
        out.u32(records.size());
        out.u64(b.parameterCount());
        out.u64(b.tensorLayoutChecksum());
        out.u64(b.tokenizerChecksum());
        out.bytes(b.parentSha256());
        out.f32(adapter.scale());
        out.u32(0);
        out.u64(0);
        for (DeltaRecord r : records) {
            writeRecord(out, r);
        }
        byte[] bytes = out.array();
        out.u64At(AdapterFormat.OFFSET_CHECKSUM, FileChecksum.of(bytes, AdapterFormat.OFFSET_CHECKSUM));
        return bytes;
    }

    private static void writeRecord(ByteSink out, DeltaRecord r) {
        out.u64(r.nameHash());
        out.u32(r.rows());
        out.u32(r.cols());
        if (r instanceof DeltaRecord.Dense d) {
            out.f32s(d.deltas());
        } else if (r instanceof DeltaRecord.Sparse s) {
            out.u32(s.indices().length);
            for (int k = 0; k < s.indices().length; k++) {
                out.u32(s.indices()[k]);
                out.f32(s.deltas()[k]);
            }
        } else {
            DeltaRecord.LowRank l = (DeltaRecord.LowRank) r;
            out.u32(l.rank());
            out.f32s(l.a());
            out.f32s(l.b());
        }
    }
}
