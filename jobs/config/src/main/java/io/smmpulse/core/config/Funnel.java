package io.smmpulse.core.config;

import io.smmpulse.schema.EventType;
import io.smmpulse.schema.LinkTarget;
import io.smmpulse.schema.SocialEvent;
import java.io.Serializable;
import java.util.List;

/**
 * A funnel of the community config (docs/communities.md and docs/kpis.md): ordered steps and a window. An event matches a
 * step when its event_type, and the step's link_target if given, are equal.
 */
public record Funnel(String name, long windowMillis, List<Step> steps) implements Serializable {

    public record Step(EventType eventType, LinkTarget linkTarget) implements Serializable {
        public boolean matches(SocialEvent event) {
            return matches(event.getEventType(), event.getLinkTarget());
        }

        public boolean matches(EventType type, LinkTarget target) {
            return type == eventType && (linkTarget == null || target == linkTarget);
        }
    }

    public boolean matchesAnyStep(SocialEvent event) {
        return steps.stream().anyMatch(step -> step.matches(event));
    }
}
