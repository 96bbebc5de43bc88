package io.paddock.coordinator;

import io.paddock.coordinator.hazelcast.HazelcastSettings;
import io.paddock.coordinator.schedule.SchedulePolicy;

import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Everything a coordinator starts with, grouped by concern. {@link #defaults} gives the
 * single-machine settings; the {@code with…} methods change one group.
 *
 * @param host         interface to listen on
 * @param port         HTTP port (0 = any free port; the actual one is logged and returned)
 * @param dataDir      packages, result logs and reports live here
 * @param access       tokens and who may work
 * @param limits       request, package and frame bounds
 * @param timing       lease, heartbeat and sweep periods
 * @param units        how units are sized
 * @param policy       attempt and verification bounds
 * @param hazelcast    the embedded member
 * @param forceResults force result logs to the storage device before acknowledging (off only in benchmarks)
 */
public record CoordinatorConfig(String host, int port, Path dataDir, Access access, Limits limits, Timing timing,
                                Units units, SchedulePolicy policy, HazelcastSettings hazelcast, boolean forceResults) {

    /**
     * @param submitToken required to upload packages, submit and cancel
     * @param workerToken presented by trusted lab workers
     * @param volunteers  whether anonymous volunteers are admitted (untrusted)
     */
    public record Access(String submitToken, String workerToken, boolean volunteers) {
        public Access {
            if (submitToken == null || submitToken.isEmpty() || workerToken == null || workerToken.isEmpty()) {
                throw new IllegalArgumentException("tokens must be non-empty");
            }
        }

        /** A random token (32 hex digits). */
        public static String newToken() {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            StringBuilder sb = new StringBuilder();
            for (byte x : b) {
                sb.append(String.format("%02x", x & 0xFF));
            }
            return sb.toString();
        }
    }

    /**
     * @param maxPackageBytes largest package upload
     * @param maxRequestBytes largest JSON request body (a generation with an inline suite)
     * @param maxFrameBytes   largest worker message (frame and reassembled message)
     */
    public record Limits(long maxPackageBytes, int maxRequestBytes, int maxFrameBytes) {
        public static final Limits DEFAULT = new Limits(8L << 30, 32 << 20, 16 << 20);

        public Limits {
            if (maxPackageBytes < 1 || maxRequestBytes < 1 || maxFrameBytes < 1024) {
                throw new IllegalArgumentException("limits must be positive (frames ≥ 1024 bytes)");
            }
        }
    }

    /**
     * @param leaseMillis     a lease expires this long after it was granted or last heartbeat-extended
     * @param heartbeatMillis how often workers send heartbeats
     * @param sweepMillis     how often expired leases are swept
     */
    public record Timing(long leaseMillis, long heartbeatMillis, long sweepMillis) {
        public static final Timing DEFAULT = new Timing(30_000, 5_000, 1_000);

        public Timing {
            if (heartbeatMillis < 10 || leaseMillis < 2 * heartbeatMillis || sweepMillis < 10) {
                throw new IllegalArgumentException("lease " + leaseMillis + " ms must be at least twice the heartbeat "
                        + heartbeatMillis + " ms; sweep " + sweepMillis + " ms must be >= 10");
            }
        }
    }

    /**
     * @param fixedCases           cases per unit when {@code > 0} (otherwise adaptive)
     * @param jvmSeconds           target unit time on a JVM worker
     * @param browserSeconds       target unit time in a browser
     * @param maxCases             most cases in one unit
     */
    public record Units(int fixedCases, double jvmSeconds, double browserSeconds, int maxCases) {
        public static final Units DEFAULT = new Units(0, 4.0, 2.0, 256);
    }

    public static CoordinatorConfig defaults(Path dataDir) {
        return new CoordinatorConfig("127.0.0.1", 0, dataDir,
                new Access(Access.newToken(), Access.newToken(), true), Limits.DEFAULT, Timing.DEFAULT,
                Units.DEFAULT, SchedulePolicy.DEFAULT, HazelcastSettings.standalone("paddock-" + Access.newToken()),
                true);
    }

    public CoordinatorConfig withListen(String newHost, int newPort) {
        return new CoordinatorConfig(newHost, newPort, dataDir, access, limits, timing, units, policy, hazelcast,
                forceResults);
    }

    public CoordinatorConfig withAccess(Access newAccess) {
        return new CoordinatorConfig(host, port, dataDir, newAccess, limits, timing, units, policy, hazelcast,
                forceResults);
    }

    public CoordinatorConfig withLimits(Limits newLimits) {
        return new CoordinatorConfig(host, port, dataDir, access, newLimits, timing, units, policy, hazelcast,
                forceResults);
    }

    public CoordinatorConfig withTiming(Timing newTiming) {
        return new CoordinatorConfig(host, port, dataDir, access, limits, newTiming, units, policy, hazelcast,
                forceResults);
    }

    public CoordinatorConfig withUnits(Units newUnits) {
        return new CoordinatorConfig(host, port, dataDir, access, limits, timing, newUnits, policy, hazelcast,
                forceResults);
    }

    public CoordinatorConfig withPolicy(SchedulePolicy newPolicy) {
        return new CoordinatorConfig(host, port, dataDir, access, limits, timing, units, newPolicy, hazelcast,
                forceResults);
    }

    public CoordinatorConfig withHazelcast(HazelcastSettings newHazelcast) {
        return new CoordinatorConfig(host, port, dataDir, access, limits, timing, units, policy, newHazelcast,
                forceResults);
    }

    public CoordinatorConfig withForceResults(boolean force) {
        return new CoordinatorConfig(host, port, dataDir, access, limits, timing, units, policy, hazelcast, force);
    }
}
