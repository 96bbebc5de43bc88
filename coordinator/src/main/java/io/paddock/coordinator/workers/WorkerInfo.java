package io.paddock.coordinator.workers;

import java.io.Serializable;

/**
 * A connected worker as listed in the workers map (for the dashboard and the online count).
 *
 * @param id              worker id
 * @param kind            jvm or browser
 * @param trusted         trust level
 * @param slots           units it runs at once
 * @param threads         threads per unit
 * @param simd            SIMD kernels
 * @param tokensPerSecond calibration speed
 * @param connectedMillis when it connected
 */
public record WorkerInfo(String id, String kind, boolean trusted, int slots, int threads, boolean simd,
                         double tokensPerSecond, long connectedMillis) implements Serializable {
    private static final long serialVersionUID = 1L;
}
