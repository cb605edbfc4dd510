package io.smmpulse.dispatcher;

import com.sun.net.httpserver.HttpServer;
import io.smmpulse.core.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatcher's own metrics in Prometheus' text format at {@code /metrics}: its heartbeat (the
 * last turn of its loop, which {@code SmmPulseDispatcherDown} watches), the alert transitions it
 * read, and the deliveries that succeeded or failed after their retries. Served at the address of
 * PULSE_DISPATCHER_METRICS (host:port; the local stack 127.0.0.1:9102 by default, compose 0.0.0.0:9102).
 */
public final class DispatcherMetrics implements AutoCloseable {
    final AtomicLong heartbeatMillis = new AtomicLong();
    final AtomicLong read = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final HttpServer server;

    private DispatcherMetrics(HttpServer server) {
        this.server = server;
    }

    /** @param address host:port, or blank for none */
    public static DispatcherMetrics serve(String address) {
        if (address == null || address.isBlank()) {
            return new DispatcherMetrics(null);
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || !address.substring(colon + 1).matches("\\d{1,5}")) {
            throw new ConfigException(
                    "PULSE_DISPATCHER_METRICS: \"" + address + "\" is not host:port, e.g. 127.0.0.1:9102");
        }
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    8);
            DispatcherMetrics metrics = new DispatcherMetrics(server);
            server.createContext("/metrics", exchange -> {
                byte[] body = metrics.text().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return metrics;
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("PULSE_DISPATCHER_METRICS: cannot listen on " + address + ": " + e.getMessage());
        }
    }

    String text() {
        return "# HELP smmpulse_dispatcher_heartbeat_seconds Last turn of the dispatcher's loop (Unix time).\n"
                + "# TYPE smmpulse_dispatcher_heartbeat_seconds gauge\n"
                + "smmpulse_dispatcher_heartbeat_seconds " + heartbeatMillis.get() / 1000.0 + "\n"
                + "# TYPE smmpulse_dispatcher_alerts_read_total counter\n"
                + "smmpulse_dispatcher_alerts_read_total " + read.get() + "\n"
                + "# TYPE smmpulse_dispatcher_deliveries_total counter\n"
                + "smmpulse_dispatcher_deliveries_total{outcome=\"delivered\"} " + delivered.get() + "\n"
                + "smmpulse_dispatcher_deliveries_total{outcome=\"failed\"} " + failed.get() + "\n";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
