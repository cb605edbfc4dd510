package io.smmpulse.cli;

import static io.smmpulse.cli.ExpectedRows.assertRows;
import static io.smmpulse.cli.ExpectedRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smmpulse.core.TestEvents;
import io.smmpulse.pipeline.KafkaTopics;
import io.smmpulse.schema.ActorRole;
import io.smmpulse.schema.SocialEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A producer with Apicurio Registry's own Avro serializer ({@code apicurio-registry-serdes-avro-serde})
 * configured for the Confluent-compatible wire format, as docs/events.md tells producers: it registers
 * the schema itself, writes byte 0 and the schema's 4-byte content id, and the job reads the schema
 * by that id from the registry's Confluent-compatible API. Apicurio Registry itself cannot run here
 * (its Maven artifact is a Quarkus module without a runnable build), so the registry is its REST
 * contract: the two calls involved, as Apicurio 2.6 answers them (an artifact created or returned
 * by content, with its globalId and contentId; {@code /apis/ccompat/v7/schemas/ids/{contentId}}).
 */
class ApicurioSerializerIT {
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = TestStack.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Artifacts by content, as the registry keeps them: content ids start at 1, global ids at 100 so the two differ. */
    private static final class ApicurioContract {
        final Map<String, Integer> contentIds = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        final HttpServer server;

        ApicurioContract() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/apis/registry/v2/groups/", this::createArtifact);
            server.createContext("/apis/ccompat/v7/schemas/ids/", this::schemaById);
            server.start();
        }

        String url(String api) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + api;
        }

        private synchronized void createArtifact(HttpExchange exchange) throws IOException {
            calls.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (!exchange.getRequestMethod().equals("POST") || !path[path.length - 1].equals("artifacts")) {
                answer(exchange, 404, Map.of("error_code", 404, "message", "not part of this contract"));
                return;
            }
            String content = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int contentId = contentIds.computeIfAbsent(content, c -> contentIds.size() + 1);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("groupId", path[path.length - 2]);
            metadata.put("id", exchange.getRequestHeaders().getFirst("X-Registry-ArtifactId"));
            metadata.put("version", String.valueOf(contentId));
            metadata.put("type", exchange.getRequestHeaders().getFirst("X-Registry-ArtifactType"));
            metadata.put("globalId", 100 + contentId);
            metadata.put("contentId", contentId);
            metadata.put("state", "ENABLED");
            metadata.put("references", List.of());
            answer(exchange, 200, metadata);
        }

        private synchronized void schemaById(HttpExchange exchange) throws IOException {
            String id = exchange.getRequestURI().getPath().replaceAll(".*/", "");
            calls.add("GET ccompat " + id);
            String schema = contentIds.entrySet().stream()
                    .filter(entry -> String.valueOf(entry.getValue()).equals(id))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(null);
            if (schema == null) {
                answer(exchange, 404, Map.of("error_code", 40403, "message", "Schema " + id + " not found"));
            } else {
                answer(exchange, 200, Map.of("schema", schema));
            }
        }

        private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }

    @Test
    void eventsFromApicuriosOwnSerializerAreReadWithTheSchemaItRegistered() throws Exception {
        TestStack stack = TestStack.fresh("apicurio");
        ApicurioContract registry = new ApicurioContract();
        try {
            SocialEvent question = SchemaVersionsIT.question("api-q");
            SocialEvent reply = TestEvents.reply("api-r", "q1", "2026-03-02T09:20:00Z", "acme", "x", ActorRole.STAFF);
            KafkaTopics.ensure(stack.deployment.kafkaBootstrap(), List.of(stack.deployment.topic()));
            Properties producer = new Properties();
            producer.put("bootstrap.servers", stack.deployment.kafkaBootstrap());
            producer.put("key.serializer", StringSerializer.class.getName());
            producer.put("value.serializer", io.apicurio.registry.serde.avro.AvroKafkaSerializer.class.getName());
            producer.put("apicurio.registry.url", registry.url("/apis/registry/v2"));
            producer.put("apicurio.registry.auto-register", "true");
            producer.put("apicurio.registry.headers.enabled", "false");
            producer.put("apicurio.registry.use-id", "contentId");
            producer.put("apicurio.registry.as-confluent", "true");
            try (KafkaProducer<String, SocialEvent> kafka = new KafkaProducer<>(producer)) {
                for (SocialEvent event : List.of(question, reply)) {
                    kafka.send(new ProducerRecord<>(stack.deployment.topic(), event.getCommunityId(), event))
                            .get();
                }
            }
            byte[] written = TestStack.committedValues(stack.deployment, stack.deployment.topic())
                    .get(0);
            assertThat(written[0]).as("the wire format's magic byte").isZero();
            assertThat(ByteBuffer.wrap(written, 1, 4).getInt())
                    .as("the schema's content id")
                    .isEqualTo(1);
            assertThat(registry.calls)
                    .as("the serializer registered the schema")
                    .contains("POST " + "/apis/registry/v2/groups/default/artifacts");

            SchemaVersionsIT.readToItsEnd(
                    stack,
                    stack.deployment.withSchemaRegistry(registry.url("/apis/ccompat/v7")),
                    "2026-03-02T09:20:00Z");

            assertRows(
                    stack.query("SELECT event_id, event_type FROM events FINAL ORDER BY event_id"),
                    List.of(row("api-q", "POST"), row("api-r", "COMMENT")));
            assertRows(
                    stack.query("SELECT questions, answered, frt_avg_s FROM kpi_first_response_daily"),
                    List.of(row("1", "1", "1200")));
            assertThat(registry.calls).contains("GET ccompat 1");
        } finally {
            registry.server.stop(0);
        }
    }
}
