package io.paddock.coordinator.rank;

import io.paddock.protocol.random.XorShift64;

import java.util.List;

/**
 * Paired bootstrap of a candidate against its parent on their shared cases. Each of the B
 * resamples draws n case indices (seeded {@link XorShift64}) and computes, over the same
 * indices, the difference of mean scores and the difference of per-token log-likelihoods
 * (Σ sums ÷ Σ tokens of each side, 0 for a side with no token). The 95% percentile
 * intervals give the verdicts ({@link Verdict#of(Interval)}); all-zero differences give
 * [0, 0], hence "indistinguishable".
 */
public final class PairedBootstrap {

    private PairedBootstrap() {
    }

    public static PairedComparison compare(List<PairedCase> cases, int resamples, long seed) {
        int n = cases.size();
        if (n == 0) {
            return PairedComparison.notApplicable(0);
        }
        PairedCase[] c = cases.toArray(new PairedCase[0]);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double qualityDiff = scoreDifference(c, all);
        double loglikDiff = logLikelihoodDifference(c, all);

        XorShift64 rng = new XorShift64(seed);
        double[] q = new double[resamples];
        double[] l = new double[resamples];
        int[] draw = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                draw[i] = rng.nextInt(n);
            }
            q[b] = scoreDifference(c, draw);
            l[b] = logLikelihoodDifference(c, draw);
        }
        Interval qi = PercentileInterval.of(q);
        Interval li = PercentileInterval.of(l);
        return new PairedComparison(Verdict.of(qi), n, qualityDiff, qi, loglikDiff, li, Verdict.of(li));
    }

    private static double scoreDifference(PairedCase[] c, int[] indices) {
        long sum = 0;
        for (int i : indices) {
            sum += c[i].candidateScore() - c[i].parentScore();
        }
        return (double) sum / indices.length;
    }

    private static double logLikelihoodDifference(PairedCase[] c, int[] indices) {
        double cs = 0;
        double ps = 0;
        long ct = 0;
        long pt = 0;
        for (int i : indices) {
            cs += c[i].candidateLogLikelihood();
            ct += c[i].candidateTokens();
            ps += c[i].parentLogLikelihood();
            pt += c[i].parentTokens();
        }
        return ratio(cs, ct) - ratio(ps, pt);
    }

    private static double ratio(double sum, long tokens) {
        return tokens == 0 ? 0 : sum / tokens;
    }
}
