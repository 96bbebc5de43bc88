package io.paddock.coordinator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dashboards/ uses exactly the names the coordinator registers: every paddock_* series a
 * Grafana panel or a Prometheus rule queries exists in a scrape of {@link FarmMetrics}, and every
 * meter FarmMetrics registers is shown on the dashboard.
 */
class DashboardNamesTest {
    private static final Pattern SERIES = Pattern.compile("\\bpaddock_[a-z_]+");
    private static final Path DASHBOARDS = Path.of("..", "dashboards");

    @Test
    void dashboardAndRulesUseOnlyRegisteredNamesAndShowThemAll() throws IOException {
        Set<String> scraped = scrapedSeries();
        Set<String> dashboard = new TreeSet<>();
        JsonNode root = new ObjectMapper().readTree(DASHBOARDS.resolve("paddock-farm.json").toFile());
        for (JsonNode panel : root.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                dashboard.addAll(series(target.get("expr").asText()));
            }
        }
        Set<String> rules = series(Files.readString(DASHBOARDS.resolve("paddock-rules.yml"), StandardCharsets.UTF_8));
        assertThat(dashboard).isNotEmpty().allSatisfy(s -> assertThat(scraped).as("dashboard series " + s).contains(s));
        assertThat(rules).isNotEmpty().allSatisfy(s -> assertThat(scraped).as("rule series " + s).contains(s));
        for (String name : FarmMetrics.NAMES) {
            String prom = name.replace('.', '_');
            assertThat(dashboard).as("meter " + name + " on the dashboard").anySatisfy(s -> assertThat(s).startsWith(prom));
        }
    }

    private static Set<String> scrapedSeries() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FarmMetrics metrics = new FarmMetrics(registry);
        metrics.result("accepted");
        metrics.evaluated("jvm", 1_000_000, 3);
        metrics.leaseGranted(true);
        metrics.leasesExpired(1);
        metrics.quarantined();
        metrics.bytesServed(10);
        Set<String> out = new HashSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
                out.add(line.substring(0, end));
            }
        }
        registry.close();
        return out;
    }

    private static Set<String> series(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = SERIES.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
