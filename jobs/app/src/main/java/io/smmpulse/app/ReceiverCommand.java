package io.smmpulse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smmpulse.core.config.ConfigException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/pulse receiver --port 9099}: a local webhook receiver for SLA alerts (Alertmanager
 * JSON on any path). It prints each alert with its delay after the deadline, flags duplicates,
 * and on Ctrl-C or after {@code --duration} prints the delay percentiles.
 */
final class ReceiverCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReceiverCommand() {}

    static int run(List<String> args, PulseEnvironment env) throws Exception {
        Options options = Options.parse("receiver", args, Set.of("port", "duration"));
        int port = (int) options.positiveLong("port", 9099);
        Duration duration = options.duration("duration", Duration.ofDays(3650));
        List<Long> delays = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] duplicates = {0};
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (BindException e) {
            throw new ConfigException("--port: 127.0.0.1:" + port + " is in use; choose another port");
        }
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            try {
                JsonNode alerts = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                synchronized (delays) {
                    for (JsonNode alert : alerts) {
                        String status = alert.path("status").asText();
                        String id = alert.path("labels").path("community").asText() + "/" + alert.path("labels").path("platform").asText() + "/"
                                + alert.path("labels").path("question_id").asText() + "/" + status;
                        boolean duplicate = !seen.add(id);
                        duplicates[0] += duplicate ? 1 : 0;
                        long delay = now - Instant.parse(alert.path("startsAt").asText()).toEpochMilli();
                        if ("firing".equals(status) && delay < 60_000) {
                            delays.add(delay);
                        }
                        System.out.printf("%s %-8s %s (deadline %s, received %.1f s after it)%s%n", Instant.ofEpochMilli(now), status, id,
                                alert.path("startsAt").asText(), delay / 1000.0, duplicate ? "  DUPLICATE" : "");
                    }
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        System.out.println("receiving SLA alerts on http://127.0.0.1:" + port + "/api/v2/alerts (Ctrl-C stops)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            synchronized (delays) {
                System.out.println(report(delays, seen.size(), duplicates[0]));
            }
            stopped.countDown();
        }));
        stopped.await(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return 0;
    }

    static String report(List<Long> delays, int alerts, int duplicates) {
        List<Long> sorted = delays.stream().sorted().toList();
        String percentiles = sorted.isEmpty() ? "no live breach received"
                : String.format("delay after the deadline for %d live breaches: p50 %.2f s, p99 %.2f s, max %.2f s", sorted.size(),
                        sorted.get((int) Math.floor(0.5 * (sorted.size() - 1))) / 1000.0,
                        sorted.get((int) Math.ceil(0.99 * (sorted.size() - 1))) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
        return alerts + " distinct alerts, " + duplicates + " duplicates; " + percentiles;
    }
}
