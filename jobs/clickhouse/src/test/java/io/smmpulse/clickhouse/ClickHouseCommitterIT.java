package io.smmpulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.smmpulse.core.config.ClickHouseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer against the local ClickHouse engine ({@code bin/pulse test} starts it): what it
 * does with a batch that is written, one whose file is gone, one the server refuses for good and
 * one it cannot reach.
 */
class ClickHouseCommitterIT {
    private static final RowMapping<String[]> PAIRS = new RowMapping<>() {
        @Override
        public String table() {
            return "pairs";
        }

        @Override
        public List<String> columns() {
            return List.of("k", "v");
        }

        @Override
        public void write(String[] row, RowWriter out) {
            out.string(row[0]).string(row[1]);
        }
    };

    @TempDir
    Path spool;

    private ClickHouseSettings settings;
    private final List<String> log = new ArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void freshDatabase() throws Exception {
        settings = LocalClickHouse.settings(
                "test_commit_" + UUID.randomUUID().toString().substring(0, 8));
        ClickHouseSchema.apply(settings, ClickHouseSchema.locateSqlDir());
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            client.execute(
                    "CREATE TABLE pairs (k String, v String, _version UInt64) ENGINE = ReplacingMergeTree(_version) ORDER BY k");
        }
        capture = new AbstractAppender("committer-log", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                log.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig committerLog = new LoggerConfig(ClickHouseOutbox.class.getName(), Level.ALL, false);
        committerLog.addAppender(capture, Level.ALL, null);
        context.getConfiguration().addLogger(committerLog.getName(), committerLog);
        context.updateLoggers();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(ClickHouseOutbox.class.getName());
        context.updateLoggers();
        try (ClickHouseClient client = ClickHouseClient.connect(settings)) {
            client.execute("DROP DATABASE IF EXISTS " + settings.database());
        }
    }

    private ClickHouseBatch spooled(String table, String... keys) throws Exception {
        return spooled(0, table, keys);
    }

    private ClickHouseBatch spooled(int writerSubtask, String table, String... keys) throws Exception {
        NativeBlockEncoder encoder = new NativeBlockEncoder(table, PAIRS.columns(), List.of("String", "String"));
        var writer = new ClickHouseSink.BatchWriter<>(
                PAIRS,
                encoder,
                spool,
                writerSubtask,
                0,
                new RowVersions(System::currentTimeMillis),
                new SimpleCounter());
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

    private ClickHouseCommitter committer(ClickHouseSettings to) throws Exception {
        return new ClickHouseCommitter(
                to, "pairs", PAIRS.columns(), spool, 0, 1, Duration.ZERO, new UnregisteredMetricsGroup());
    }

    private Path ready(ClickHouseBatch batch) {
        return spool.resolve("ready")
                .resolve(batch.rowCount() + "r-" + Path.of(batch.file()).getFileName());
    }

    @Test
    void aCommitMovesTheFileToTheOutboxWhichWritesRecordsAndThenDeletesIt() throws Exception {
        ClickHouseBatch batch = spooled("pairs", "a", "b");
        try (ClickHouseCommitter committer = committer(settings)) {
            Request first = new Request(batch);
            committer.commit(List.of(first));
            assertThat(first.retries)
                    .as("the commit never waits for ClickHouse, nor asks Flink to retry")
                    .isZero();
            assertThat(Files.exists(Path.of(batch.file()))).isFalse();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(query("SELECT k FROM pairs FINAL ORDER BY k").subList(1, 3))
                        .containsExactly(List.of("a"), List.of("b"));
                assertThat(query("SELECT table, rows FROM sink_commits FINAL").subList(1, 2))
                        .containsExactly(List.of("pairs", "2"));
                assertThat(Files.exists(ready(batch))).isFalse();
            });

            // a restored copy of the same committable: its file is gone, and sink_commits proves it written
            committer.commit(List.of(new Request(batch)));
            ClickHouseBatch next = spooled("pairs", "c");
            committer.commit(List.of(new Request(next)));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> query("SELECT count() FROM pairs FINAL")
                            .get(1)
                            .get(0)
                            .equals("3"));
            committer.commit(List.of());
        }
    }

    @Test
    void aGatheringCommitterWritesTheBatchesOfSeveralCheckpointsInOneInsert() throws Exception {
        try (ClickHouseCommitter committer = new ClickHouseCommitter(
                settings,
                "pairs",
                PAIRS.columns(),
                spool,
                0,
                1,
                Duration.ofSeconds(3),
                new UnregisteredMetricsGroup())) {
            committer.commit(List.of(new Request(spooled("pairs", "a"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count() FROM sink_commits") == 1);
            long firstWritten = System.nanoTime();
            // two more checkpoints complete while the committer gathers
            committer.commit(List.of(new Request(spooled("pairs", "b"))));
            committer.commit(List.of(new Request(spooled("pairs", "c", "d"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count() FROM sink_commits") == 3);
            assertThat(Duration.ofNanos(System.nanoTime() - firstWritten))
                    .as("the gathering pause after the first write")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(query("SELECT rows, committed_at FROM sink_commits ORDER BY committed_at, rows")
                            .subList(1, 4))
                    .as("the second and third batch recorded by one write")
                    .satisfies(rows -> {
                        assertThat(rows.get(1).get(0)).isEqualTo("1");
                        assertThat(rows.get(2).get(0)).isEqualTo("2");
                        assertThat(rows.get(1).get(1)).isEqualTo(rows.get(2).get(1));
                    });
            assertThat(query("SELECT k FROM pairs FINAL ORDER BY k").subList(1, 5))
                    .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
        }
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(query(sql).get(1).get(0));
    }

    @Test
    void atTheEndOfABoundedJobEachCommitterSubtaskWritesTheFilesItCommittedBeforeItCloses() throws Exception {
        new ClickHouseCommitter(
                        settings, "pairs", PAIRS.columns(), spool, 0, 2, Duration.ZERO, new UnregisteredMetricsGroup())
                .close();
        try (ClickHouseCommitter second = new ClickHouseCommitter(
                settings, "pairs", PAIRS.columns(), spool, 1, 2, Duration.ZERO, new UnregisteredMetricsGroup())) {
            for (String key : List.of("a", "b", "c", "d")) {
                second.commit(List.of(new Request(spooled(1, "pairs", key))));
            }
        }
        assertThat(query("SELECT k FROM pairs FINAL ORDER BY k").subList(1, 5))
                .as("written by the subtask that committed them, whatever the first one did")
                .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
    }

    @Test
    void aRestoredBatchWhoseFileIsGoneWithoutARecordStopsTheJobAndSaysWhy() throws Exception {
        ClickHouseBatch batch = spooled("pairs", "a");
        Files.delete(Path.of(batch.file()));
        try (ClickHouseCommitter committer = committer(settings)) {
            committer.commit(List.of(new Request(batch)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThatThrownBy(() -> committer.commit(List.of()))
                            .isInstanceOf(SuppressRestartsException.class)
                            .hasStackTraceContaining("is missing and sink_commits has no record of writing it")
                            .hasStackTraceContaining("rows of table pairs"));
        }
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("ERROR").contains("pairs"));
    }

    @Test
    void aTableTheServerDoesNotHaveStopsTheJobWithoutRetriesAndKeepsTheFile() throws Exception {
        ClickHouseBatch batch = spooled("no_such_table", "a");
        try (ClickHouseCommitter committer = new ClickHouseCommitter(
                settings,
                "no_such_table",
                PAIRS.columns(),
                spool,
                0,
                1,
                Duration.ZERO,
                new UnregisteredMetricsGroup())) {
            Request request = new Request(batch);
            committer.commit(List.of(request));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThatThrownBy(() -> committer.commit(List.of()))
                            .isInstanceOf(SuppressRestartsException.class)
                            .hasStackTraceContaining("ClickHouse refuses the rows of table no_such_table"));
            assertThat(request.retries).isZero();
        }
        assertThat(Files.exists(ready(batch))).as("the next run writes it").isTrue();
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("ERROR").contains("no_such_table"));
    }

    @Test
    void whileTheServerIsUnreachableTheRowsWaitAndTheNextStartWritesThem() throws Exception {
        ClickHouseBatch batch = spooled("pairs", "a");
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClickHouseSettings unreachable =
                new ClickHouseSettings("http://127.0.0.1:" + closedPort, "default", "", settings.database());
        try (ClickHouseCommitter committer = committer(unreachable)) {
            Request request = new Request(batch);
            committer.commit(List.of(request));
            assertThat(request.retries).isZero();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(committer.backlog()).isEqualTo(1);
                assertThat(log)
                        .anySatisfy(line -> assertThat(line).startsWith("WARN").contains("ClickHouse table pairs"));
            });
            committer.commit(List.of()); // an outage is no reason to stop the job
        }
        assertThat(Files.exists(ready(batch))).isTrue();
        try (ClickHouseCommitter next = committer(settings)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> query("SELECT count() FROM pairs FINAL")
                            .get(1)
                            .get(0)
                            .equals("1"));
        }
        assertThat(Files.exists(ready(batch))).isFalse();
    }

    private static final class Request implements CommitRequest<ClickHouseBatch> {
        private final ClickHouseBatch batch;
        int retries;

        Request(ClickHouseBatch batch) {
            this.batch = batch;
        }

        @Override
        public ClickHouseBatch getCommittable() {
            return batch;
        }

        @Override
        public int getNumberOfRetries() {
            return retries;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new AssertionError("not expected", t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new AssertionError("not expected", t);
        }

        @Override
        public void retryLater() {
            retries++;
        }

        @Override
        public void updateAndRetryLater(ClickHouseBatch committable) {
            throw new AssertionError("not expected");
        }

        @Override
        public void signalAlreadyCommitted() {
            throw new AssertionError("not expected");
        }
    }
}
