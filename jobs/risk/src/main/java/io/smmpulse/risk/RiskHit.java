package io.smmpulse.risk;

import io.smmpulse.core.state.Keys;

/**
 * One change to a risk signal's count at an event time (delta +1, or −1 when an item turns out to
 * be spam after it was counted), or, with {@code delta} 0, the news that the community has an
 * accepted event at {@code time} (the earliest one bounds which baseline windows count). Crosses the network with
 * {@link RiskHitSerializer}.
 */
public class RiskHit {
    public String communityId;
    public String signal;
    public long time;
    public int delta;

    public RiskHit() {}

    public RiskHit(String communityId, String signal, long time, int delta) {
        this.communityId = communityId;
        this.signal = signal;
        this.time = time;
        this.delta = delta;
    }

    public String key() {
        return Keys.of(communityId, signal);
    }

    @Override
    public String toString() {
        return communityId + "/" + signal + "@" + time
                + (delta == 0 ? " seen" : delta > 0 ? " +" + delta : " " + delta);
    }
}
