package io.paddock.coordinator.schedule;

import java.io.Serializable;

/**
 * The bounds a candidate's units are scheduled under.
 *
 * @param maxAttempts   answers plus expired leases a unit may use before its candidate fails
 * @param maxOpinions   successful answers collected at most while looking for agreement
 * @param spotCheckRate share of units whose trusted answer is checked by a second worker (0..1)
 */
public record SchedulePolicy(int maxAttempts, int maxOpinions, double spotCheckRate) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final SchedulePolicy DEFAULT = new SchedulePolicy(5, 5, 0.05);

    public SchedulePolicy {
        if (maxAttempts < 2) {
            throw new IllegalArgumentException("maxAttempts must be >= 2, was " + maxAttempts);
        }
        if (maxOpinions < 3) {
            throw new IllegalArgumentException("maxOpinions must be >= 3 (two plus a third opinion), was " + maxOpinions);
        }
        if (!(spotCheckRate >= 0 && spotCheckRate <= 1)) {
            throw new IllegalArgumentException("spotCheckRate must be in [0, 1], was " + spotCheckRate);
        }
    }

    /** Whether unit {@code unit} of this candidate is spot-checked: a fixed function of its identity. */
    public boolean spotCheck(String generationId, int candidate, int unit) {
        if (spotCheckRate <= 0) {
            return false;
        }
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < generationId.length(); i++) {
            h = (h ^ generationId.charAt(i)) * 0x100000001B3L;
        }
        h = (h ^ candidate) * 0x100000001B3L;
        h = (h ^ unit) * 0x100000001B3L;
        double u = (h >>> 11) * 0x1.0p-53;
        return u < spotCheckRate;
    }
}
