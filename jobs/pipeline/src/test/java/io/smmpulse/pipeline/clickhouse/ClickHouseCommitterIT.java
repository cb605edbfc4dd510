package io.smmpulse.pipeline.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer against the local ClickHouse engine ({@code bin/pulse test} starts it): what it
 * does with a batch that is written, one whose file is gone, one the server refuses for good and
 * one it cannot reach.
 */
class ClickHouseCommitterIT {
    private static final RowMapping<String[]> PAIRS = new RowMapping<>() {
        @Override public String table() { return "pairs"; }
        @Override public List<String> columns() { return List.of("k", "v"); }
        @Override public void write(String[] row, RowWriter out) { out.string(row[0]).string(row[1]); }
    };

    @TempDir
    Path spool;

    private ClickHouseSettings settings;
    private final List<String> log = new ArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void freshDatabase() throws Exception {
        settings = LocalClickHouse.settings("test_commit_" + UUID.randomUUID().toString().substring(0, 8));
        ClickHouseSchema.apply(settings, ClickHouseSchema.locateSqlDir());
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            client.execute("CREATE TABLE pairs (k String, v String, _version UInt64) ENGINE = ReplacingMergeTree(_version) ORDER BY k");
        }
        capture = new AbstractAppender("committer-log", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                log.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig committerLog = new LoggerConfig(ClickHouseCommitter.class.getName(), Level.ALL, false);
        committerLog.addAppender(capture, Level.ALL, null);
        context.getConfiguration().addLogger(committerLog.getName(), committerLog);
        context.updateLoggers();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(ClickHouseCommitter.class.getName());
        context.updateLoggers();
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            client.execute("DROP DATABASE IF EXISTS " + settings.database());
        }
    }

    private ClickHouseBatch spooled(String table, String... keys) throws Exception {
        NativeBlockEncoder encoder = new NativeBlockEncoder(table, PAIRS.columns(), List.of("String", "String"));
        var writer = new ClickHouseSink.BatchWriter<>(PAIRS, encoder, spool, 0, 0, new RowVersions(System::currentTimeMillis), new SimpleCounter());
        for (String key : keys) {
            writer.write(new String[] {key, "v-" + key}, null);
        }
        return writer.prepareCommit().iterator().next();
    }

    private List<List<String>> query(String sql) throws Exception {
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            return client.query(sql);
        }
    }

    @Test
    void aWrittenBatchIsRecordedBeforeItsFileGoesAndARestoredCopyOfItPassesWithoutItsFile() throws Exception {
        ClickHouseBatch batch = spooled("pairs", "a", "b");
        try (ClickHouseCommitter committer = new ClickHouseCommitter(settings, new UnregisteredMetricsGroup())) {
            Request first = new Request(batch);
            committer.commit(List.of(first));
            assertThat(first.retries).isZero();
            assertThat(Files.exists(Path.of(batch.file()))).isFalse();
            assertThat(query("SELECT table, rows FROM sink_commits FINAL").subList(1, 2)).containsExactly(List.of("pairs", "2"));

            Request restored = new Request(batch);
            committer.commit(List.of(restored));
            assertThat(restored.retries).isZero();
        }
        assertThat(query("SELECT k FROM pairs FINAL ORDER BY k").subList(1, 3)).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aRestoredBatchWhoseFileIsGoneWithoutARecordStopsTheJobAndSaysWhy() throws Exception {
        ClickHouseBatch batch = spooled("pairs", "a");
        Files.delete(Path.of(batch.file()));
        try (ClickHouseCommitter committer = new ClickHouseCommitter(settings, new UnregisteredMetricsGroup())) {
            assertThatThrownBy(() -> committer.commit(List.of(new Request(batch))))
                    .isInstanceOf(SuppressRestartsException.class)
                    .hasStackTraceContaining("is missing and sink_commits has no record of writing it")
                    .hasStackTraceContaining("rows of table pairs");
        }
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("ERROR").contains("pairs"));
    }

    @Test
    void aTableTheServerDoesNotHaveStopsTheJobWithoutRetriesAndKeepsTheFile() throws Exception {
        ClickHouseBatch batch = spooled("no_such_table", "a");
        try (ClickHouseCommitter committer = new ClickHouseCommitter(settings, new UnregisteredMetricsGroup())) {
            Request request = new Request(batch);
            assertThatThrownBy(() -> committer.commit(List.of(request)))
                    .isInstanceOf(SuppressRestartsException.class)
                    .hasStackTraceContaining("ClickHouse refuses the rows of table no_such_table");
            assertThat(request.retries).isZero();
        }
        assertThat(Files.exists(Path.of(batch.file()))).as("the retained checkpoint still names it").isTrue();
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("ERROR").contains("no_such_table"));
    }

    @Test
    void anUnreachableServerIsLoggedWithTheTableAndRetried() throws Exception {
        ClickHouseBatch batch = spooled("pairs", "a");
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClickHouseSettings unreachable = new ClickHouseSettings("http://127.0.0.1:" + closedPort, "default", "", settings.database());
        try (ClickHouseCommitter committer = new ClickHouseCommitter(unreachable, new UnregisteredMetricsGroup())) {
            Request request = new Request(batch);
            committer.commit(List.of(request));
            assertThat(request.retries).isEqualTo(1);
        }
        assertThat(Files.exists(Path.of(batch.file()))).isTrue();
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("WARN").contains("1 rows into ClickHouse table pairs"));
    }

    private static final class Request implements CommitRequest<ClickHouseBatch> {
        private final ClickHouseBatch batch;
        int retries;

        Request(ClickHouseBatch batch) {
            this.batch = batch;
        }

        @Override public ClickHouseBatch getCommittable() { return batch; }
        @Override public int getNumberOfRetries() { return retries; }
        @Override public void signalFailedWithKnownReason(Throwable t) { throw new AssertionError("not expected", t); }
        @Override public void signalFailedWithUnknownReason(Throwable t) { throw new AssertionError("not expected", t); }
        @Override public void retryLater() { retries++; }
        @Override public void updateAndRetryLater(ClickHouseBatch committable) { throw new AssertionError("not expected"); }
        @Override public void signalAlreadyCommitted() { throw new AssertionError("not expected"); }
    }
}
