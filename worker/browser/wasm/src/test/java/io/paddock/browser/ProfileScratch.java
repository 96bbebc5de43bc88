package io.paddock.browser;

import io.paddock.protocol.json.JsonObject;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.vector.bench.ModelShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

class ProfileScratch {
    @Test
    void profile(@TempDir Path profile) throws Exception {
        DType dtype = DType.valueOf(System.getProperty("dtype", "F32"));
        try (TestServer server = new TestServer(); ConformancePage page = new ConformancePage(server, profile)) {
            byte[] bytes = SlmWriter.toBytes(RandomModels.generate(ModelShape.STORIES_15M.spec(dtype, 1)));
            String digest = server.put(bytes);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("simd", true); spec.put("digest", digest); spec.put("newTokens", 128); spec.put("warmup", 2); spec.put("runs", 1);
            System.out.println(page.call("bench", spec));
            page.driver().executeCdpCommand("Profiler.enable", Map.of());
            page.driver().executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 200));
            page.driver().executeCdpCommand("Profiler.start", Map.of());
            spec.put("warmup", 0); spec.put("runs", 3);
            System.out.println(page.call("bench", spec));
            Map<String, Object> result = page.driver().executeCdpCommand("Profiler.stop", Map.of());
            Map<String, Object> prof = (Map<String, Object>) result.get("profile");
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) prof.get("nodes");
            List<Long> samples = ((List<Object>) prof.get("samples")).stream().map(o -> ((Number) o).longValue()).toList();
            Map<Long, String> names = new HashMap<>();
            for (Map<String, Object> n : nodes) {
                Map<String, Object> cf = (Map<String, Object>) n.get("callFrame");
                names.put(((Number) n.get("id")).longValue(), cf.get("functionName") + " " + cf.get("url"));
            }
            Map<String, Integer> counts = new HashMap<>();
            for (long s : samples) counts.merge(names.get(s), 1, Integer::sum);
            counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                    .forEach(e -> System.out.printf("%6.2f%% %s%n", 100.0 * e.getValue() / samples.size(), e.getKey()));
        }
    }
}
