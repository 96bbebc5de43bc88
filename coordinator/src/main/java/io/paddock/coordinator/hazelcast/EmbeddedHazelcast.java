package io.paddock.coordinator.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.util.UUID;

/**
 * Starts the coordinator's embedded Hazelcast member: no multicast, no auto-detection, bound
 * to one interface, phone-home off, the scheduler maps kept as objects (entry processors then
 * work on the value in place instead of deserializing it on every call). Standalone unless
 * cluster members are listed. Blocking: call it off the event loop.
 */
public final class EmbeddedHazelcast {
    /** Prefix of every map the farm uses. */
    public static final String MAP_PREFIX = "paddock.";

    private EmbeddedHazelcast() {
    }

    public static HazelcastInstance start(HazelcastSettings settings) {
        return Hazelcast.newHazelcastInstance(config(settings));
    }

    static Config config(HazelcastSettings settings) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName("paddock-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.partition.count", settings.clustered() ? "271" : "71");
        // Vert.x's cluster manager needs this attribute if the instance is ever handed to it.
        config.getMemberAttributeConfig().setAttribute("__vertx.nodeId", UUID.randomUUID().toString());
        config.getJetConfig().setEnabled(false);
        FarmSerializers.register(config.getSerializationConfig());

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface(settings.bindHost());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(settings.clustered());
        for (String member : settings.members()) {
            join.getTcpIpConfig().addMember(member);
        }

        MapConfig maps = new MapConfig(MAP_PREFIX + "*")
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(settings.clustered() ? 1 : 0)
                .setStatisticsEnabled(false);
        config.addMapConfig(maps);
        return config;
    }
}
