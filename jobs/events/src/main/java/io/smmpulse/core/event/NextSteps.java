package io.smmpulse.core.event;

/** docs/kpis.md, content and next step: which event on a brand post takes its next step (THREAD is a comment in it). */
public final class NextSteps {
    private NextSteps() {}

    /** POLL: a VOTE; FORM: a FORM_SUBMIT; EVENT: an EVENT_SIGNUP; FAQ and GUIDE: a LINK_CLICK with that target. */
    public static boolean takes(String nextStep, String eventType, String linkTarget) {
        if (nextStep == null) {
            return false;
        }
        return switch (nextStep) {
            case "POLL" -> eventType.equals("VOTE");
            case "FORM" -> eventType.equals("FORM_SUBMIT");
            case "EVENT" -> eventType.equals("EVENT_SIGNUP");
            case "FAQ", "GUIDE" -> eventType.equals("LINK_CLICK") && nextStep.equals(linkTarget);
            default -> false;
        };
    }
}
