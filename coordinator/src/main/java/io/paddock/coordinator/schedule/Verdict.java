package io.paddock.coordinator.schedule;

import java.util.List;

/** What the answers received for a unit decide. */
public sealed interface Verdict {

    /** The unit's result is the one of {@code epoch}; workers who answered otherwise lost. */
    record Agreed(long epoch, String digest, List<String> losers) implements Verdict {
        public Agreed {
            losers = List.copyOf(losers);
        }
    }

    /** More answers are needed. */
    record Pending() implements Verdict {
    }

    /** As many answers as allowed and still no agreement. */
    record Undecidable(String why) implements Verdict {
    }
}
