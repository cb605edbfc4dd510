package io.smmpulse.clickhouse;

import io.smmpulse.core.config.ClickHouseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool files of completed checkpoints, waiting in {@code ready/} of a sink's spool folder until
 * ClickHouse has taken them (docs/reliability.md, "ClickHouse down"). A thread of its own writes
 * them, records each in {@code sink_commits} and only then deletes it; while ClickHouse is down or
 * slow it tries again with a growing pause and the job goes on reading, deciding and alerting.
 *
 * <p>A file is ready once the checkpoint that names it has completed, so whatever a restart
 * restores, the files here are never written again from state: the next run (fresh or restored)
 * drains them. Each committer subtask drains the files of its own writer subtask (by the index in
 * the file's name, modulo the parallelism after a rescale). Rows carry their versions: a file written twice (a crash
 * between its insert and its record) rewrites its rows.
 */
final class ClickHouseOutbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseOutbox.class);
    static final String COMMIT_LOG = "sink_commits";
    private static final List<String> COMMIT_LOG_COLUMNS = List.of("batch", "table", "rows", "committed_at");
    static final String READY = "ready";
    /** {@code <rows>r-<spool file name>}: the batch id (the spool file's name, with its writer subtask) and its row count. */
    private static final Pattern READY_FILE = Pattern.compile("(\\d+)r-(s(\\d+)-.+\\.native)");

    /** A file of the outbox, its name read once. */
    private record ReadyFile(Path path, String batchId, int rows, int writerSubtask) {
        static ReadyFile of(Path path) {
            Matcher name = READY_FILE.matcher(path.getFileName().toString());
            return name.matches()
                    ? new ReadyFile(
                            path, name.group(2), Integer.parseInt(name.group(1)), Integer.parseInt(name.group(3)))
                    : null;
        }
    }

    /** At most this many bytes of spool files go into one insert. */
    private static final long MAX_INSERT_BYTES = 64L << 20;

    private static final long FIRST_PAUSE_MILLIS = 500;
    private static final long LONGEST_PAUSE_MILLIS = 10_000;

    /** What the outbox reports: written rows, failed attempts, the last write's duration. */
    interface Listener {
        void written(int rows, long millis);

        void failed();
    }

    private final ClickHouseSettings settings;
    private final String table;
    private final List<String> columns;
    private final Path ready;
    private final int subtask;
    private final int parallelism;
    private final Listener listener;
    private final long gatherMillis;
    private final Queue<ClickHouseBatch> toVerify = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread drainer;
    private volatile boolean running = true;
    private volatile RuntimeException fatal;
    private volatile int backlog;
    private boolean signalled;
    private ClickHouseClient client;

    ClickHouseOutbox(
            ClickHouseSettings settings,
            String table,
            List<String> columns,
            Path spool,
            int subtask,
            int parallelism,
            Duration gather,
            Listener listener)
            throws IOException {
        this.settings = settings;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.ready = Files.createDirectories(spool.resolve(READY));
        this.subtask = subtask;
        this.parallelism = parallelism;
        this.listener = listener;
        this.gatherMillis = gather.toMillis();
        this.drainer = new Thread(this::drainUntilClosed, "clickhouse-outbox-" + table + "-" + subtask);
        drainer.setDaemon(true);
        drainer.start();
    }

    /** Moves the batch's spool file into the outbox: from here on it is written whatever happens to the job. */
    void add(ClickHouseBatch batch) throws IOException {
        Files.move(Path.of(batch.file()), readyFile(batch), StandardCopyOption.ATOMIC_MOVE);
        signal();
    }

    /** Whether the batch's file waits here. */
    boolean holds(ClickHouseBatch batch) {
        return Files.exists(readyFile(batch));
    }

    private Path readyFile(ClickHouseBatch batch) {
        return ready.resolve(batch.rowCount() + "r-" + Path.of(batch.file()).getFileName());
    }

    /**
     * A restored batch whose file is neither spooled nor waiting here must have been written: the
     * drainer looks for its record in {@code sink_commits} once ClickHouse answers.
     */
    void verifyWritten(ClickHouseBatch batch) {
        toVerify.add(batch);
        signal();
    }

    /** Files waiting for this subtask, as of the drainer's last look. */
    int backlog() {
        return backlog;
    }

    /** A failure no retry can cure (a missing table, a lost file), to stop the job with; null while there is none. */
    RuntimeException fatal() {
        return fatal;
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void drainUntilClosed() {
        long pause = FIRST_PAUSE_MILLIS;
        int failuresInARow = 0;
        while (running && fatal == null) {
            try {
                drainOnce();
                if (failuresInARow > 0) {
                    LOG.info(
                            "ClickHouse takes the rows of table {} again after {} failed attempts",
                            table,
                            failuresInARow);
                }
                failuresInARow = 0;
                pause = FIRST_PAUSE_MILLIS;
                // the batches of the checkpoints meanwhile go into one insert: fewer parts for the server to merge
                rest(gatherMillis, false);
                rest(1_000, true);
            } catch (Exception e) {
                ClickHouseClient.closeQuietly(client);
                client = null;
                if (ClickHouseErrors.isPermanent(e)) {
                    fatal = refused(e);
                    return;
                }
                listener.failed();
                failuresInARow++;
                if (failuresInARow == 1 || failuresInARow % 10 == 0) {
                    LOG.warn(
                            "cannot write {} waiting batches into ClickHouse table {} ({} attempts so far), trying again in the"
                                    + " background while the job goes on: {}",
                            backlog,
                            table,
                            failuresInARow,
                            ClickHouseErrors.describe(e));
                }
                rest(pause, false);
                pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    /** Waits up to {@code millis}; a new ready file ends the wait early when {@code wakeOnSignal}, closing always does. */
    private void rest(long millis, boolean wakeOnSignal) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            while (running && !(wakeOnSignal && signalled)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wake.awaitNanos(left);
            }
            if (wakeOnSignal) {
                signalled = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Verifies what waits for verification, then writes every file of this subtask. */
    private void drainOnce() throws Exception {
        for (ClickHouseBatch batch = toVerify.peek(); batch != null; batch = toVerify.peek()) {
            if (!holds(batch) && !recorded(batch)) {
                fatal = lost(batch);
                return;
            }
            toVerify.poll();
        }
        List<ReadyFile> files = mine();
        backlog = files.size();
        int next = 0;
        while (next < files.size()) {
            List<ReadyFile> insert = oneInsert(files, next);
            next += insert.size();
            write(insert);
            backlog -= insert.size();
        }
    }

    /** The files from {@code from} on that go into one insert: up to {@link #MAX_INSERT_BYTES}, at least one. */
    private static List<ReadyFile> oneInsert(List<ReadyFile> files, int from) throws IOException {
        long bytes = Files.size(files.get(from).path());
        int to = from + 1;
        while (to < files.size()) {
            long size = Files.size(files.get(to).path());
            if (bytes + size > MAX_INSERT_BYTES) {
                break;
            }
            bytes += size;
            to++;
        }
        return files.subList(from, to);
    }

    /**
     * Writes the files' rows in one insert (a Native stream is a sequence of blocks, so the files
     * follow one another), records each file's batch, then deletes them.
     */
    private void write(List<ReadyFile> files) throws Exception {
        long started = System.nanoTime();
        int rows = files.stream().mapToInt(ReadyFile::rows).sum();
        client().insert(table, columns, rows, body -> {
            for (ReadyFile file : files) {
                Files.copy(file.path(), body);
            }
        });
        long now = System.currentTimeMillis();
        List<Object[]> records = files.stream()
                .map(file -> new Object[] {file.batchId(), table, (long) file.rows(), now})
                .toList();
        client().insert(COMMIT_LOG, COMMIT_LOG_COLUMNS, records, now);
        for (ReadyFile file : files) {
            Files.deleteIfExists(file.path());
        }
        listener.written(rows, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * This subtask's files, oldest checkpoint first (the order does not change what the tables end up
     * holding). Each committer subtask drains the files of the writer subtask that hands it its
     * committables (the same index), so the subtask that moved a file here writes it before it ends,
     * also at the end of a bounded job; after a rescale, the files of writer subtasks beyond the
     * parallelism go by their index modulo the parallelism.
     */
    private List<ReadyFile> mine() throws IOException {
        try (Stream<Path> listing = Files.list(ready)) {
            return listing.map(ReadyFile::of)
                    .filter(file -> file != null && Math.floorMod(file.writerSubtask(), parallelism) == subtask)
                    .sorted(Comparator.comparing((ReadyFile file) -> modifiedAt(file.path()))
                            .thenComparing(file -> file.path().toString()))
                    .toList();
        }
    }

    /** Files of completed checkpoints that no committer has written yet, in every sink folder under {@code spoolRoot}. */
    static long waitingUnder(Path spoolRoot) throws IOException {
        if (!Files.isDirectory(spoolRoot)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(spoolRoot, 3)) {
            return files.filter(
                            file -> file.getParent().getFileName().toString().equals(READY)
                                    && file.getFileName().toString().endsWith(".native"))
                    .count();
        }
    }

    private static long modifiedAt(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private boolean recorded(ClickHouseBatch batch) throws Exception {
        List<List<String>> rows = client().query(
                        "SELECT count() FROM " + COMMIT_LOG + " WHERE batch = {batch:String}",
                        Map.of("batch", Path.of(batch.file()).getFileName().toString()));
        return rows.size() > 1 && !"0".equals(rows.get(1).get(0));
    }

    private RuntimeException refused(Exception error) {
        String message = "ClickHouse refuses the rows of table " + table + " (" + settings + "): "
                + ClickHouseErrors.describe(error)
                + ". Fix the cause (apply the schema of this release with bin/pulse sql, grant the user INSERT), then start the job"
                + " again: the rows wait in " + ready + " and are written then.";
        LOG.error(message);
        return new IllegalStateException(message, error);
    }

    private RuntimeException lost(ClickHouseBatch batch) {
        String message =
                "the spool file " + batch.file() + " with " + batch.rowCount() + " rows of table " + batch.table()
                        + " is missing and " + COMMIT_LOG
                        + " has no record of writing it: those rows are lost. The spool folder must be on"
                        + " storage that survives restarts and is shared by every TaskManager, like the checkpoints; replay the input"
                        + " of that time to restore the rows.";
        LOG.error(message);
        return new IllegalStateException(message);
    }

    private ClickHouseClient client() throws Exception {
        if (client == null) {
            client = ClickHouseClient.connect(settings);
        }
        return client;
    }

    /**
     * Stops the drainer, then tries once more to write what waits (the end of a bounded job); what
     * ClickHouse does not take now waits for the next start.
     */
    @Override
    public void close() {
        running = false;
        signal();
        try {
            drainer.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fatal == null && !drainer.isAlive()) {
            try {
                drainOnce();
            } catch (Exception e) {
                LOG.warn(
                        "{} batches of table {} wait in {} for the next start of the job: {}",
                        backlog,
                        table,
                        ready,
                        ClickHouseErrors.describe(e));
            }
        }
        ClickHouseClient.closeQuietly(client);
        client = null;
    }
}
