package io.paddock.coordinator.hazelcast;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.paddock.coordinator.results.ReportRecord;
import io.paddock.coordinator.results.UnitPayload;
import io.paddock.coordinator.schedule.ActiveLease;
import io.paddock.coordinator.schedule.CancelCandidate;
import io.paddock.coordinator.schedule.CandidateFailure;
import io.paddock.coordinator.schedule.CandidateState;
import io.paddock.coordinator.schedule.CandidateWork;
import io.paddock.coordinator.schedule.ChangeStatus;
import io.paddock.coordinator.schedule.CompleteUnit;
import io.paddock.coordinator.schedule.Completion;
import io.paddock.coordinator.schedule.ExtendLeases;
import io.paddock.coordinator.schedule.FinishCandidate;
import io.paddock.coordinator.schedule.GenerationRecord;
import io.paddock.coordinator.schedule.GenerationStatus;
import io.paddock.coordinator.schedule.LeaseGrant;
import io.paddock.coordinator.schedule.LeaseHolder;
import io.paddock.coordinator.schedule.Opinion;
import io.paddock.coordinator.schedule.ReleaseLeases;
import io.paddock.coordinator.schedule.Report;
import io.paddock.coordinator.schedule.SchedulePolicy;
import io.paddock.coordinator.schedule.Sweep;
import io.paddock.coordinator.schedule.SweepLeases;
import io.paddock.coordinator.schedule.TakeWork;
import io.paddock.coordinator.schedule.UnitCounts;
import io.paddock.coordinator.schedule.WorkUnit;
import io.paddock.coordinator.workers.WorkerInfo;
import io.paddock.protocol.error.ErrorCode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compact binary serializers for everything the farm puts through Hazelcast: scheduler
 * values, entry processors and their results. Hazelcast serializes entry-processor results even
 * on a single member, and Java serialization of these small records cost tens of microseconds
 * per call; these write the fields directly. Registered on the member's config.
 */
public final class FarmSerializers {
    private static final int BASE = 4100;

    private FarmSerializers() {
    }

    /** Writes a value's fields. */
    @FunctionalInterface
    private interface Writer<T> {
        void write(ObjectDataOutput out, T value) throws IOException;
    }

    /** Reads a value's fields. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(ObjectDataInput in) throws IOException;
    }

    private record Codec<T>(int typeId, Writer<T> writer, Reader<T> reader) implements StreamSerializer<T> {
        @Override
        public void write(ObjectDataOutput out, T value) throws IOException {
            writer.write(out, value);
        }

        @Override
        public T read(ObjectDataInput in) throws IOException {
            return reader.read(in);
        }

        @Override
        public int getTypeId() {
            return typeId;
        }
    }

    public static void register(SerializationConfig config) {
        int id = BASE;
        add(config, ActiveLease.class, ++id, FarmSerializers::writeLease, FarmSerializers::readLease);
        add(config, Opinion.class, ++id, FarmSerializers::writeOpinion, FarmSerializers::readOpinion);
        add(config, WorkUnit.class, ++id, FarmSerializers::writeUnit, FarmSerializers::readUnit);
        add(config, CandidateWork.class, ++id, FarmSerializers::writeWork, FarmSerializers::readWork);
        add(config, LeaseGrant.class, ++id, (o, g) -> {
            o.writeInt(g.unit());
            o.writeInt(g.from());
            o.writeInt(g.to());
            o.writeLong(g.epoch());
            o.writeLong(g.deadlineMillis());
            o.writeBoolean(g.retry());
        }, i -> new LeaseGrant(i.readInt(), i.readInt(), i.readInt(), i.readLong(), i.readLong(), i.readBoolean()));
        add(config, LeaseHolder.class, ++id, FarmSerializers::writeHolder, FarmSerializers::readHolder);
        add(config, UnitCounts.class, ++id, FarmSerializers::writeCounts, FarmSerializers::readCounts);
        add(config, Completion.class, ++id, (o, c) -> {
            o.writeString(c.outcome());
            o.writeBoolean(c.unitDone());
            o.writeInt(c.state().ordinal());
            writeStrings(o, c.losers());
            writeHolders(o, c.cancelled());
        }, i -> new Completion(i.readString(), i.readBoolean(), CandidateState.values()[i.readInt()], readStrings(i),
                readHolders(i)));
        add(config, Sweep.class, ++id, (o, s) -> {
            writeHolders(o, s.expired());
            o.writeInt(s.state().ordinal());
            writeHolders(o, s.cancelled());
            writeCounts(o, s.counts());
        }, i -> new Sweep(readHolders(i), CandidateState.values()[i.readInt()], readHolders(i), readCounts(i)));
        add(config, Report.class, ++id, FarmSerializers::writeReport, FarmSerializers::readReport);
        add(config, TakeWork.class, ++id, (o, t) -> {
            o.writeString(t.workerId());
            o.writeBoolean(t.trusted());
            o.writeInt(t.maxCases());
            o.writeBoolean(t.guided());
            o.writeInt(t.count());
            o.writeLong(t.now());
            o.writeLong(t.leaseMillis());
            o.writeInt(t.workersOnline());
        }, i -> new TakeWork(i.readString(), i.readBoolean(), i.readInt(), i.readBoolean(), i.readInt(), i.readLong(),
                i.readLong(), i.readInt()));
        add(config, CompleteUnit.class, ++id, (o, c) -> {
            writeReport(o, c.report());
            o.writeInt(c.workersOnline());
        }, i -> new CompleteUnit(readReport(i), i.readInt()));
        add(config, SweepLeases.class, ++id, (o, s) -> {
            o.writeLong(s.now());
            o.writeInt(s.workersOnline());
        }, i -> new SweepLeases(i.readLong(), i.readInt()));
        add(config, ExtendLeases.class, ++id, (o, e) -> {
            o.writeString(e.workerId());
            o.writeLongArray(e.epochs());
            o.writeLong(e.deadline());
        }, i -> new ExtendLeases(i.readString(), i.readLongArray(), i.readLong()));
        add(config, ReleaseLeases.class, ++id, (o, r) -> {
            o.writeString(r.workerId());
            o.writeLongArray(r.epochs());
        }, i -> new ReleaseLeases(i.readString(), i.readLongArray()));
        add(config, CancelCandidate.class, ++id, (o, c) -> { }, i -> new CancelCandidate());
        add(config, FinishCandidate.class, ++id, (o, f) -> o.writeInt(f.candidate()), i -> new FinishCandidate(i.readInt()));
        add(config, ChangeStatus.class, ++id, (o, c) -> {
            o.writeInt(c.from().ordinal());
            o.writeInt(c.to().ordinal());
            o.writeString(c.message());
            o.writeLong(c.now());
        }, i -> new ChangeStatus(GenerationStatus.values()[i.readInt()], GenerationStatus.values()[i.readInt()],
                i.readString(), i.readLong()));
        add(config, GenerationRecord.class, ++id, (o, g) -> {
            o.writeString(g.id());
            o.writeString(g.name());
            o.writeLong(g.createdMillis());
            o.writeInt(g.candidateCount());
            o.writeInt(g.caseCount());
            o.writeLongArray(g.finished().toLongArray());
            o.writeInt(g.status().ordinal());
            o.writeString(g.message());
            o.writeLong(g.doneMillis());
        }, i -> new GenerationRecord(i.readString(), i.readString(), i.readLong(), i.readInt(), i.readInt(),
                BitSet.valueOf(i.readLongArray()), GenerationStatus.values()[i.readInt()], i.readString(), i.readLong()));
        add(config, UnitPayload.class, ++id, (o, p) -> {
            o.writeString(p.workerId());
            o.writeString(p.workerKind());
            o.writeBoolean(p.trusted());
            o.writeInt(p.from());
            o.writeString(p.digest());
            o.writeString(p.messageJson());
            o.writeLong(p.wallNanos());
            o.writeLong(p.generatedTokens());
            o.writeDouble(p.calibrationFactor());
        }, i -> new UnitPayload(i.readString(), i.readString(), i.readBoolean(), i.readInt(), i.readString(),
                i.readString(), i.readLong(), i.readLong(), i.readDouble()));
        add(config, WorkerInfo.class, ++id, (o, w) -> {
            o.writeString(w.id());
            o.writeString(w.kind());
            o.writeBoolean(w.trusted());
            o.writeInt(w.slots());
            o.writeInt(w.threads());
            o.writeBoolean(w.simd());
            o.writeDouble(w.tokensPerSecond());
            o.writeLong(w.connectedMillis());
        }, i -> new WorkerInfo(i.readString(), i.readString(), i.readBoolean(), i.readInt(), i.readInt(), i.readBoolean(),
                i.readDouble(), i.readLong()));
        add(config, ReportRecord.class, ++id, (o, r) -> {
            o.writeString(r.rankingJson());
            o.writeString(r.deterministic());
            o.writeString(r.rankingCsv());
            o.writeString(r.table());
            o.writeInt(r.evidenceDigests().size());
            for (Map.Entry<String, String> e : r.evidenceDigests().entrySet()) {
                o.writeString(e.getKey());
                o.writeString(e.getValue());
            }
        }, i -> {
            String json = i.readString();
            String deterministic = i.readString();
            String csv = i.readString();
            String table = i.readString();
            int n = i.readInt();
            Map<String, String> digests = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                digests.put(i.readString(), i.readString());
            }
            return new ReportRecord(json, deterministic, csv, table, digests);
        });
    }

    private static <T> void add(SerializationConfig config, Class<T> type, int id, Writer<T> w, Reader<T> r) {
        config.addSerializerConfig(new SerializerConfig().setTypeClass(type).setImplementation(new Codec<>(id, w, r)));
    }

    // ------------------------------------------------------------------ nested values

    private static void writeLease(ObjectDataOutput o, ActiveLease l) throws IOException {
        o.writeLong(l.epoch());
        o.writeString(l.workerId());
        o.writeBoolean(l.trusted());
        o.writeLong(l.deadlineMillis());
    }

    private static ActiveLease readLease(ObjectDataInput i) throws IOException {
        return new ActiveLease(i.readLong(), i.readString(), i.readBoolean(), i.readLong());
    }

    private static void writeOpinion(ObjectDataOutput o, Opinion p) throws IOException {
        o.writeLong(p.epoch());
        o.writeString(p.workerId());
        o.writeString(p.workerKind());
        o.writeBoolean(p.trusted());
        o.writeString(p.digest());
        o.writeInt(p.failureCode() == null ? -1 : p.failureCode().ordinal());
        o.writeString(p.failureCause());
    }

    private static Opinion readOpinion(ObjectDataInput i) throws IOException {
        long epoch = i.readLong();
        String worker = i.readString();
        String kind = i.readString();
        boolean trusted = i.readBoolean();
        String digest = i.readString();
        int code = i.readInt();
        return new Opinion(epoch, worker, kind, trusted, digest, code < 0 ? null : ErrorCode.values()[code],
                i.readString());
    }

    private static void writeUnit(ObjectDataOutput o, WorkUnit u) throws IOException {
        o.writeInt(u.index());
        o.writeInt(u.from());
        o.writeInt(u.to());
        o.writeBoolean(u.spotCheck());
        o.writeInt(u.leases().size());
        for (ActiveLease l : u.leases()) {
            writeLease(o, l);
        }
        o.writeInt(u.opinions().size());
        for (Opinion p : u.opinions()) {
            writeOpinion(o, p);
        }
        o.writeInt(u.expiries());
        o.writeLong(u.acceptedEpoch());
        o.writeString(u.acceptedDigest());
    }

    private static WorkUnit readUnit(ObjectDataInput i) throws IOException {
        int index = i.readInt();
        int from = i.readInt();
        int to = i.readInt();
        boolean spot = i.readBoolean();
        int nl = i.readInt();
        List<ActiveLease> leases = new ArrayList<>(nl);
        for (int k = 0; k < nl; k++) {
            leases.add(readLease(i));
        }
        int no = i.readInt();
        List<Opinion> opinions = new ArrayList<>(no);
        for (int k = 0; k < no; k++) {
            opinions.add(readOpinion(i));
        }
        return new WorkUnit(index, from, to, spot, leases, opinions, i.readInt(), i.readLong(), i.readString());
    }

    private static void writeWork(ObjectDataOutput o, CandidateWork w) throws IOException {
        o.writeString(w.generationId());
        o.writeInt(w.candidate());
        o.writeInt(w.caseCount());
        o.writeInt(w.nextCase());
        o.writeLong(w.nextEpoch());
        o.writeInt(w.units().size());
        for (WorkUnit u : w.units()) {
            writeUnit(o, u);
        }
        o.writeInt(w.state().ordinal());
        o.writeBoolean(w.failure() != null);
        if (w.failure() != null) {
            o.writeInt(w.failure().code().ordinal());
            o.writeString(w.failure().cause());
        }
        o.writeInt(w.policy().maxAttempts());
        o.writeInt(w.policy().maxOpinions());
        o.writeDouble(w.policy().spotCheckRate());
    }

    private static CandidateWork readWork(ObjectDataInput i) throws IOException {
        String generation = i.readString();
        int candidate = i.readInt();
        int cases = i.readInt();
        int next = i.readInt();
        long epoch = i.readLong();
        int n = i.readInt();
        List<WorkUnit> units = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            units.add(readUnit(i));
        }
        CandidateState state = CandidateState.values()[i.readInt()];
        CandidateFailure failure = i.readBoolean() ? new CandidateFailure(ErrorCode.values()[i.readInt()], i.readString())
                : null;
        SchedulePolicy policy = new SchedulePolicy(i.readInt(), i.readInt(), i.readDouble());
        return new CandidateWork(generation, candidate, cases, next, epoch, units, state, failure, policy);
    }

    private static void writeHolder(ObjectDataOutput o, LeaseHolder h) throws IOException {
        o.writeInt(h.unit());
        o.writeLong(h.epoch());
        o.writeString(h.workerId());
    }

    private static LeaseHolder readHolder(ObjectDataInput i) throws IOException {
        return new LeaseHolder(i.readInt(), i.readLong(), i.readString());
    }

    private static void writeHolders(ObjectDataOutput o, List<LeaseHolder> list) throws IOException {
        o.writeInt(list.size());
        for (LeaseHolder h : list) {
            writeHolder(o, h);
        }
    }

    private static List<LeaseHolder> readHolders(ObjectDataInput i) throws IOException {
        int n = i.readInt();
        List<LeaseHolder> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(readHolder(i));
        }
        return out;
    }

    private static void writeCounts(ObjectDataOutput o, UnitCounts c) throws IOException {
        o.writeLong(c.waiting());
        o.writeLong(c.leased());
        o.writeLong(c.done());
        o.writeLong(c.casesUnplanned());
        o.writeLong(c.casesDone());
    }

    private static UnitCounts readCounts(ObjectDataInput i) throws IOException {
        return new UnitCounts(i.readLong(), i.readLong(), i.readLong(), i.readLong(), i.readLong());
    }

    private static void writeStrings(ObjectDataOutput o, List<String> list) throws IOException {
        o.writeInt(list.size());
        for (String s : list) {
            o.writeString(s);
        }
    }

    private static List<String> readStrings(ObjectDataInput i) throws IOException {
        int n = i.readInt();
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(i.readString());
        }
        return out;
    }

    /** A report is its unit range followed by its opinion (the same bytes as the fields one by one). */
    private static void writeReport(ObjectDataOutput o, Report r) throws IOException {
        o.writeInt(r.unit());
        o.writeInt(r.from());
        o.writeInt(r.to());
        writeOpinion(o, r.opinion());
    }

    private static Report readReport(ObjectDataInput i) throws IOException {
        int unit = i.readInt();
        int from = i.readInt();
        int to = i.readInt();
        Opinion p = readOpinion(i);
        return new Report(unit, from, to, p.epoch(), p.workerId(), p.workerKind(), p.trusted(), p.digest(),
                p.failureCode(), p.failureCause());
    }
}
