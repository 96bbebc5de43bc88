package io.paddock.coordinator.rank;

import io.paddock.protocol.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankingTableTest {

    @Test
    void snapshotOfTheDemoTable() {
        assertThat(RankingTable.render(Ranker.rank(Demo.candidates(1), Demo.SETTINGS))).isEqualTo(SNAPSHOT);
    }

    @Test
    void withoutTimingThereIsNoSpeedColumnAndNothingValidIsSaidPlainly() {
        Ranking r = RankingJson.read(RankingJson.deterministicSection(Ranker.rank(Demo.candidates(1), Demo.SETTINGS)));
        String table = RankingTable.render(r);
        assertThat(table).doesNotContain("speed");
        assertThat(table.lines()).noneMatch(l -> l.endsWith(" "));

        Ranking none = Ranker.rank(List.of(new FailedCandidate("only", true, ErrorCode.INVALID_HEADER,
                "hidden_size 0 must be > 0 at offset 16")), Demo.SETTINGS);
        assertThat(RankingTable.render(none))
                .contains("(no valid candidate)")
                .contains("  only  InvalidHeader: hidden_size 0 must be > 0 at offset 16");
    }

    static final String SNAPSHOT = """
            Objectives: quality (max, weight 1.000), loglik (max, weight 0.500), cost (min, weight 0.100), size (min, weight 0.100)

            rank  id               front  score      quality [95% CI]  vs parent  loglik  cost/token       size  size/parent  verdict            speed*
            ----  ---------------  -----  -----  --------------------  ---------  ------  ----------  ---------  -----------  -----------------  ------
               1  lora-add             1  1.500  0.900 [0.800, 0.975]     +0.400  -1.000     3.7 MiB    3.9 MiB        1.01x  better               95.0
               2  parent-q8            1  1.091  0.475 [0.325, 0.625]     -0.025  -2.100   976.6 KiB  996.1 KiB        0.26x  indistinguishable   180.0
               3  parent-q4            1  0.994  0.400 [0.250, 0.550]     -0.100  -2.500   527.3 KiB  546.9 KiB        0.14x  worse               240.0
               4  parent-f32           1  0.957  0.500 [0.350, 0.650]          -  -2.000     3.7 MiB    3.8 MiB        1.00x  parent              100.0
               5  mut-dense-heavy      2  0.001  0.000 [0.000, 0.000]     -0.500  -6.000     3.7 MiB    3.8 MiB        1.00x  worse               100.0

            Invalid candidates (not ranked):
              bad-adapter   AdapterMismatch: tensor count 12 does not match the model's 39
              ctx-overflow  ContextExceeded: every case failed (40 of 40); first: case 'c00': prompt of 600 tokens >= max_context 512

            * speed: median tokens/s normalized by each worker's calibration; timing-based, not part of the deterministic ranking.
            """;
}
