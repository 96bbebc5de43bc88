package io.paddock.coordinator.rank;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RankingCsvTest {

    @Test
    void snapshotOfTheDemoCsv() {
        assertThat(RankingCsv.write(Ranker.rank(Demo.candidates(1), Demo.SETTINGS))).isEqualTo(SNAPSHOT);
    }

    @Test
    void everyRowHasTheHeadersColumnCount() {
        String csv = RankingCsv.write(Ranker.rank(Demo.candidates(1), Demo.SETTINGS));
        int columns = RankingCsv.DETERMINISTIC_COLUMNS.size() + RankingCsv.TIMING_COLUMNS.size();
        assertThat(csv.lines()).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(columns));
    }

    @Test
    void fieldsWithSeparatorsAreQuoted() {
        assertThat(RankingCsv.quote("plain")).isEqualTo("plain");
        assertThat(RankingCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(RankingCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RankingCsv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    static final String SNAPSHOT = """
            status,rank,id,parent,front,score,crowding,quality,quality_low,quality_high,edit_similarity,log_likelihood,cost_bytes_per_token,size_bytes,model_bytes,adapter_bytes,cases_total,cases_passed,cases_failed,cases_errored,verdict,shared_cases,quality_diff,quality_diff_low,quality_diff_high,loglik_diff,loglik_diff_low,loglik_diff_high,loglik_verdict,error_code,cause,speed,speed_samples,wall_nanos,timed_rank,timed_front,timed_score,timed_crowding
            ranked,1,lora-add,false,1,1.500000,Infinity,0.900000,0.800000,0.975000,0.950000,-1.000000,3900000,4052000,4000000,52000,40,36,4,0,better,40,0.400000,0.250000,0.550000,1.000000,1.000000,1.000000,better,,,95.000000,40,200000,1,1,1.500000,Infinity
            ranked,2,parent-q8,false,1,1.090914,2.518442,0.475000,0.325000,0.625000,0.737500,-2.100000,1000000,1020000,1020000,0,40,19,21,0,indistinguishable,40,-0.025000,-0.075000,0.000000,-0.100000,-0.100000,-0.100000,worse,,,180.000000,40,200000,2,1,1.149535,3.483959
            ranked,3,parent-q4,false,1,0.994444,Infinity,0.400000,0.250000,0.550000,0.700000,-2.500000,540000,560000,560000,0,40,16,24,0,worse,40,-0.100000,-0.200000,-0.025000,-0.500000,-0.500000,-0.500000,worse,,,240.000000,40,200000,3,1,1.094444,Infinity
            ranked,4,parent-f32,true,1,0.957045,3.314699,0.500000,0.350000,0.650000,0.750000,-2.000000,3900000,4000000,4000000,0,40,20,20,0,parent,40,,,,,,,,,,100.000000,40,200000,4,1,0.960493,3.900906
            ranked,5,mut-dense-heavy,false,2,0.001489,Infinity,0.000000,0.000000,0.000000,0.500000,-6.000000,3900000,4000000,4000000,0,40,0,40,0,worse,40,-0.500000,-0.650000,-0.350000,-4.000000,-4.000000,-4.000000,worse,,,100.000000,40,200000,5,2,0.004937,Infinity
            invalid,,bad-adapter,false,,,,,,,,,,,,,,,,,,,,,,,,,,AdapterMismatch,tensor count 12 does not match the model's 39,,,,,,,
            invalid,,ctx-overflow,false,,,,,,,,,,,,,,,,,,,,,,,,,,ContextExceeded,every case failed (40 of 40); first: case 'c00': prompt of 600 tokens >= max_context 512,,,,,,,
            """;
}
