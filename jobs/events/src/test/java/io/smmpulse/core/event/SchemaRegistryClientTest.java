package io.smmpulse.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the registry API contract it relies on ({@code GET /schemas/ids/{id}}: 200
 * with {@code {"schema": "..."}} and an optional {@code schemaType}, 404 for an unknown id), as
 * Confluent Schema Registry and Apicurio Registry's ccompat API answer it.
 */
class SchemaRegistryClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();
    private HttpServer registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.stop(0);
        }
    }

    private String start(Map<Integer, String> replies) throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            String id = exchange.getRequestURI().getPath().replaceAll(".*/", "");
            asked.add(id);
            int failures = failuresLeft.getOrDefault(id, 0);
            String body = replies.get(Integer.parseInt(id));
            int status = failures > 0 ? 503 : body == null ? 404 : 200;
            if (failures > 0) {
                failuresLeft.put(id, failures - 1);
            }
            byte[] bytes = (status == 404
                            ? "{\"error_code\":40403,\"message\":\"Schema not found\"}"
                            : status == 503 ? "" : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        registry.start();
        return "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/ccompat/v7/";
    }

    private static String reply(String schema, String type) throws IOException {
        return JSON.writeValueAsString(
                type == null ? Map.of("schema", schema) : Map.of("schema", schema, "schemaType", type));
    }

    @Test
    void aSchemaIsAskedOnceAndKept() throws Exception {
        String schema = SocialEvent.getClassSchema().toString();
        SchemaRegistryClient client =
                new SchemaRegistryClient(start(Map.of(3, reply(schema, null))), Duration.ofSeconds(5));
        assertThat(client.byId(3)).isEqualTo(SocialEvent.getClassSchema());
        assertThat(client.byId(3)).isEqualTo(SocialEvent.getClassSchema());
        assertThat(asked).containsExactly("3");
    }

    @Test
    void anUnknownIdIsNullAndNotAskedAgainAtOnce() throws Exception {
        SchemaRegistryClient client = new SchemaRegistryClient(start(Map.of()), Duration.ofSeconds(5));
        assertThat(client.byId(41)).isNull();
        assertThat(client.byId(41)).isNull();
        assertThat(asked).containsExactly("41");
    }

    @Test
    void aFailingRegistryIsAskedAgainUntilItAnswers() throws Exception {
        String schema = SocialEvent.getClassSchema().toString();
        SchemaRegistryClient client =
                new SchemaRegistryClient(start(Map.of(5, reply(schema, "AVRO"))), Duration.ofSeconds(10));
        failuresLeft.put("5", 2);
        assertThat(client.byId(5)).isEqualTo(SocialEvent.getClassSchema());
        assertThat(asked).containsExactly("5", "5", "5");
    }

    @Test
    void aRegistryThatNeverAnswersFailsAfterThePatience() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SchemaRegistryClient client = new SchemaRegistryClient("http://127.0.0.1:" + closed, Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.byId(1))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the schema registry at http://127.0.0.1:" + closed
                        + " has not answered for schema id 1 within 1 s");
    }

    @Test
    void whatIsNotAnAvroSchemaIsUnusable() throws Exception {
        SchemaRegistryClient client = new SchemaRegistryClient(
                start(Map.of(
                        1, reply("syntax = \"proto3\"; message Event {}", "PROTOBUF"),
                        2, reply("{\"type\": \"nonsense\"}", null),
                        3, "x".repeat(SchemaRegistryClient.MAX_SCHEMA_BYTES + 10))),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.byId(1))
                .hasMessage("schema id 1 at the schema registry is a PROTOBUF schema, not Avro");
        assertThatThrownBy(() -> client.byId(2))
                .hasMessageStartingWith("schema id 2 at the schema registry is not a valid Avro schema");
        assertThatThrownBy(() -> client.byId(3))
                .hasMessage("schema id 3 at the schema registry is over " + SchemaRegistryClient.MAX_SCHEMA_BYTES
                        + " bytes");
    }
}
