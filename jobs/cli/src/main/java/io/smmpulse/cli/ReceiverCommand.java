package io.smmpulse.cli;

import io.smmpulse.control.AlertReceiver;
import io.smmpulse.core.cli.Launcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/pulse receiver --port 9099}: a local webhook receiver for SLA alerts (Alertmanager
 * JSON on any path). It prints each alert with its delay after the deadline, flags duplicates,
 * and on Ctrl-C or after {@code --duration} prints the delay percentiles.
 */
@Command(
        name = "receiver",
        description = "A local webhook receiver that prints SLA alerts and their delay after the deadline.")
final class ReceiverCommand implements Callable<Integer> {
    @Option(names = "--port", description = "port on loopback (default ${DEFAULT-VALUE})", defaultValue = "9099")
    int port;

    @Option(
            names = "--duration",
            description = "stop after this long, e.g. 10m (default: until Ctrl-C)",
            defaultValue = "3650d")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        Launcher.positive("--port", port);
        List<Long> delays = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] duplicates = {0};
        AlertReceiver server = new AlertReceiver(port, alert -> {
            if (alert.refresh()) {
                return;
            }
            synchronized (delays) {
                boolean duplicate = !seen.add(alert.id());
                duplicates[0] += duplicate ? 1 : 0;
                if ("firing".equals(alert.status()) && alert.isBreach() && alert.delayMillis() < 60_000) {
                    delays.add(alert.delayMillis());
                }
                System.out.printf(
                        "%s %-8s %s (since %s, received %.1f s after it)%s%n",
                        Instant.ofEpochMilli(alert.receivedMillis()),
                        alert.status(),
                        alert.id(),
                        Instant.ofEpochMilli(alert.startsMillis()),
                        alert.delayMillis() / 1000.0,
                        duplicate ? "  DUPLICATE" : "");
            }
        });
        System.out.println("receiving SLA alerts on http://127.0.0.1:" + port + "/api/v2/alerts (Ctrl-C stops)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            synchronized (delays) {
                System.out.println(report(delays, seen.size(), duplicates[0]));
            }
            stopped.countDown();
        }));
        stopped.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return 0;
    }

    static String report(List<Long> delays, int alerts, int duplicates) {
        String percentiles = delays.isEmpty()
                ? "no live breach received"
                : String.format(
                        "delay after the deadline for %d live breaches: p50 %.2f s, p99 %.2f s, max %.2f s",
                        delays.size(),
                        AlertReceiver.percentile(delays, 0.5) / 1000.0,
                        AlertReceiver.percentile(delays, 0.99) / 1000.0,
                        AlertReceiver.percentile(delays, 1.0) / 1000.0);
        return alerts + " distinct alerts, " + duplicates + " duplicates; " + percentiles;
    }
}
