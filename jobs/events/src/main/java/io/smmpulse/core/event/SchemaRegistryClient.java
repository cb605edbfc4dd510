package io.smmpulse.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writer schemas from a schema registry's Confluent-compatible API ({@code GET
 * /schemas/ids/{id}}), which Confluent Schema Registry, Apicurio Registry (at
 * {@code /apis/ccompat/v7}) and Karapace serve. A registered schema never changes under its id, so
 * each is asked once and kept; an id the registry does not know is asked again after a minute (a
 * producer may register it meanwhile). Replies are read up to {@link #MAX_SCHEMA_BYTES}, each
 * request waits at most {@link #REQUEST_TIMEOUT}; a registry that cannot answer is asked again with
 * a growing pause for up to {@code patience}, after which the failure is the caller's.
 */
public final class SchemaRegistryClient implements WriterSchemas {
    public static final int MAX_SCHEMA_BYTES = 1024 * 1024;
    public static final int MAX_CACHED_SCHEMAS = 10_000;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration UNKNOWN_ASKED_AGAIN_AFTER = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration patience;
    private final HttpClient http;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<Integer, Long> unknownUntil = new ConcurrentHashMap<>();

    public SchemaRegistryClient(String baseUrl, Duration patience) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.patience = patience;
        this.http = HttpClient.newBuilder()
                .connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The registry at {@code baseUrl}, or null where none is set (null or empty). */
    public static SchemaRegistryClient atOrNone(String baseUrl, Duration patience) {
        return baseUrl == null || baseUrl.isEmpty() ? null : new SchemaRegistryClient(baseUrl, patience);
    }

    @Override
    public Schema byId(int id) throws IOException {
        Schema known = schemas.get(id);
        if (known != null) {
            return known;
        }
        Long until = unknownUntil.get(id);
        if (until != null && System.currentTimeMillis() < until) {
            return null;
        }
        Schema fetched = fetchPatiently(id);
        if (fetched == null) {
            unknownUntil.put(id, System.currentTimeMillis() + UNKNOWN_ASKED_AGAIN_AFTER.toMillis());
        } else if (schemas.size() < MAX_CACHED_SCHEMAS) {
            schemas.put(id, fetched);
            unknownUntil.remove(id);
        }
        return fetched;
    }

    private Schema fetchPatiently(int id) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        long pauseMillis = 200;
        while (true) {
            try {
                return fetch(id);
            } catch (IOException e) {
                if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw new IOException(
                            "the schema registry at " + baseUrl + " has not answered for schema id " + id + " within "
                                    + patience.toSeconds() + " s: " + e.getMessage(),
                            e);
                }
                LOG.warn("schema registry at {}: {}; asking again in {} ms", baseUrl, e.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the schema registry", interrupted);
                }
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private Schema fetch(int id) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/schemas/ids/" + Integer.toUnsignedString(id)))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the schema registry", e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_SCHEMA_BYTES + 1);
        }
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for schema id " + id);
        }
        if (body.length > MAX_SCHEMA_BYTES) {
            throw new UnusableSchemaException(
                    "schema id " + id + " at the schema registry is over " + MAX_SCHEMA_BYTES + " bytes");
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("the schema registry's reply for schema id " + id + " is not JSON", e);
        }
        String type = reply.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new UnusableSchemaException(
                    "schema id " + id + " at the schema registry is a " + type + " schema, not Avro");
        }
        try {
            return new Schema.Parser().parse(reply.path("schema").asText());
        } catch (RuntimeException e) {
            // the parser signals a broken or unresolved schema with several exception types
            throw new UnusableSchemaException(
                    "schema id " + id + " at the schema registry is not a valid Avro schema: " + e.getMessage());
        }
    }
}
