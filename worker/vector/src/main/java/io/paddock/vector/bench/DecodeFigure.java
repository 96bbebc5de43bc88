package io.paddock.vector.bench;

/**
 * Decode speed of one model dtype with one kernel setup.
 *
 * @param dtype                  f32, q8_0 or q4_0
 * @param kernels                the kernels' name, e.g. "scalar", "vector256x2threads"
 * @param simd                   whether the Vector API path ran
 * @param threads                threads computing each product
 * @param tokensPerSecond        median over the runs of decode forward passes per second
 * @param minTokensPerSecond     slowest run
 * @param maxTokensPerSecond     fastest run
 * @param generatedTokens        tokens generated per run (greedy, so the same every run)
 * @param bytesPerToken          weight bytes read per decoded token (payloads and scales)
 * @param ceilingTokensPerSecond memory bandwidth ({@code threads} threads) / bytesPerToken
 * @param sameTokens             whether the generated ids equal those of the dtype's first setup
 *                               (every kernel setup must agree bit for bit)
 */
public record DecodeFigure(String dtype, String kernels, boolean simd, int threads, double tokensPerSecond,
                           double minTokensPerSecond, double maxTokensPerSecond, int generatedTokens,
                           long bytesPerToken, double ceilingTokensPerSecond, boolean sameTokens) {

    /** tokensPerSecond as a fraction of the bandwidth ceiling. */
    public double fractionOfCeiling() {
        return ceilingTokensPerSecond > 0 ? tokensPerSecond / ceilingTokensPerSecond : 0.0;
    }
}
