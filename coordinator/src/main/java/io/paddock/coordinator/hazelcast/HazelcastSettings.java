package io.paddock.coordinator.hazelcast;

import java.util.List;

/**
 * How the coordinator's Hazelcast member starts.
 *
 * @param clusterName coordinators with the same name form one cluster
 * @param port        first port to try (the member takes the next free one)
 * @param members     {@code host:port} of other coordinators; empty = a standalone member (no join at all)
 * @param bindHost    the interface to bind (127.0.0.1 for a single machine)
 */
public record HazelcastSettings(String clusterName, int port, List<String> members, String bindHost) {
    public HazelcastSettings {
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must be non-empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("hazelcast port must be in 1..65535, was " + port);
        }
        members = List.copyOf(members);
        for (String m : members) {
            if (m.contains("-")) {
                throw new IllegalArgumentException("list cluster members one by one (no port ranges): " + m);
            }
        }
    }

    /** A standalone member on loopback: the single-machine default. */
    public static HazelcastSettings standalone(String clusterName) {
        return new HazelcastSettings(clusterName, 5701, List.of(), "127.0.0.1");
    }

    public boolean clustered() {
        return !members.isEmpty();
    }
}
