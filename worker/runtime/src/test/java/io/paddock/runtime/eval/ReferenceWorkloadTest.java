package io.paddock.runtime.eval;

import io.paddock.protocol.slm.SlmWriter;
import io.paddock.protocol.wire.WireMessage;
import io.paddock.runtime.kernel.ScalarKernels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The calibration workload is fixed (same model bytes every time) and gives a positive speed. */
class ReferenceWorkloadTest {

    @Test
    void theReferenceModelIsAlwaysTheSameAndMeasures() {
        assertThat(SlmWriter.toBytes(ReferenceWorkload.model())).isEqualTo(SlmWriter.toBytes(ReferenceWorkload.model()));
        WireMessage.Calibration c = ReferenceWorkload.measure(new ScalarKernels());
        assertThat(c.workload()).isEqualTo(WireMessage.Calibration.REFERENCE_WORKLOAD);
        assertThat(c.tokensPerSecond()).isPositive().isFinite();
        assertThat(c.factor()).isPositive();
    }
}
