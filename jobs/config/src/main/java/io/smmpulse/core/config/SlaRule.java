package io.smmpulse.core.config;

import io.smmpulse.schema.Channel;
import io.smmpulse.schema.Priority;
import java.io.Serializable;

/**
 * One SLA rule of the community config. A null channel or priority stands for {@code *}.
 * With {@code businessHours} the minutes are counted in business time, otherwise in calendar time.
 */
public record SlaRule(Channel channel, Priority priority, long firstResponseMinutes, boolean businessHours)
        implements Serializable {

    public boolean matches(Channel questionChannel, Priority questionPriority) {
        return (channel == null || channel == questionChannel) && (priority == null || priority == questionPriority);
    }
}
