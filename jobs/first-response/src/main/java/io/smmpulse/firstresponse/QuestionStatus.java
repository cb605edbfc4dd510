package io.smmpulse.firstresponse;

/** docs/kpis.md: answered within SLA, breached, or neither yet (pending). */
public enum QuestionStatus {
    PENDING("pending"),
    WITHIN("within"),
    BREACHED("breached");

    private final String sqlName;

    QuestionStatus(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }
}
