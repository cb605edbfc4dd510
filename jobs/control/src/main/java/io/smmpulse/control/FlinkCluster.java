package io.smmpulse.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.core.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A Flink session cluster through its REST API (the local one of {@code bin/pulse up}, or
 * {@code PULSE_FLINK_URL}): upload and run the job jar, list jobs, read checkpoints, stop with a
 * savepoint, cancel.
 */
public final class FlinkCluster {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Job(String id, String name, String state) {}

    /** A savepoint or retained checkpoint: where it lies (a URI) and when it completed (epoch ms; 0 when unknown). */
    public record RestorePoint(String location, long completedAt) {}

    /** The cluster does not know what was asked for (a job it forgot when it restarted). */
    static final class NotKnown extends IOException {
        NotKnown(String message) {
            super(message);
        }
    }

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkCluster(URI base) {
        this.base = base;
    }

    public static FlinkCluster fromEnv(Map<String, String> env) {
        String url = env.get("PULSE_FLINK_URL");
        if (url == null || url.isBlank()) {
            url = "http://127.0.0.1:" + env.getOrDefault("PULSE_FLINK_PORT", "8081");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new java.net.URISyntaxException(url, "not an http(s) URL with a host");
            }
            return new FlinkCluster(uri);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("PULSE_FLINK_URL: \"" + url + "\" is not a URL such as http://127.0.0.1:8081");
        }
    }

    public URI url() {
        return base;
    }

    /** Fails with a message naming the setting when nobody answers. */
    public void requireReachable() {
        try {
            get("/overview");
        } catch (IOException e) {
            throw new ConfigException(
                    "PULSE_FLINK_PORT: no Flink cluster answers at " + base + " (start it: bin/pulse up)");
        }
    }

    public List<Job> jobs() throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            jobs.add(new Job(
                    job.path("jid").asText(),
                    job.path("name").asText(),
                    job.path("state").asText()));
        }
        return jobs;
    }

    /** The job with that name that is not in a terminal state, if any. */
    public Optional<Job> active(String name) throws IOException {
        return jobs().stream()
                .filter(j -> j.name().equals(name))
                .filter(j -> !List.of("FINISHED", "CANCELED", "FAILED").contains(j.state()))
                .findFirst();
    }

    public String state(String jobId) throws IOException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** The cluster's folder of retained checkpoints (execution.checkpointing.dir), when it is a local path. */
    Optional<Path> checkpointDir() throws IOException {
        for (JsonNode entry : get("/jobmanager/config")) {
            if ("execution.checkpointing.dir".equals(entry.path("key").asText())) {
                URI dir = URI.create(entry.path("value").asText());
                return "file".equals(dir.getScheme()) ? Optional.of(Path.of(dir.getPath())) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public JsonNode checkpoints(String jobId) throws IOException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /**
     * The newest savepoint or completed checkpoint the cluster knows of the job, from its REST API,
     * wherever the cluster keeps them; empty when the cluster has none or has forgotten the job.
     */
    public Optional<RestorePoint> restorePoint(String jobId) throws IOException {
        JsonNode latest;
        try {
            latest = checkpoints(jobId).path("latest");
        } catch (NotKnown forgotten) {
            return Optional.empty();
        }
        return java.util.stream.Stream.of(latest.path("completed"), latest.path("savepoint"))
                .filter(point -> point.hasNonNull("external_path")
                        && !point.path("external_path").asText().isBlank())
                .map(point -> new RestorePoint(
                        point.path("external_path").asText(),
                        point.path("latest_ack_timestamp").asLong()))
                .max(java.util.Comparator.comparingLong(RestorePoint::completedAt));
    }

    /** Uploads the job jar, runs it and deletes the upload; returns the job id. */
    String submit(Path jar, String entryClass, List<String> args, int parallelism, Optional<String> restoreFrom)
            throws IOException {
        String jarId = upload(jar);
        try {
            ObjectNode body = JSON.createObjectNode();
            body.put("entryClass", entryClass);
            body.set("programArgsList", JSON.valueToTree(args));
            body.put("parallelism", parallelism);
            restoreFrom.ifPresent(location -> {
                body.put("savepointPath", location);
                // the job owns its retained checkpoints and savepoints: it may build on them and discard them
                body.put("claimMode", "CLAIM");
            });
            return send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId + "/run"))
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .header("Content-Type", "application/json"))
                    .path("jobid")
                    .asText();
        } finally {
            send(HttpRequest.newBuilder(base.resolve("/jars/" + jarId)).DELETE());
        }
    }

    private String upload(Path jar) throws IOException {
        String boundary = "pulse-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        String file = answer.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /**
     * Stops the job with a savepoint into the cluster's savepoint folder; returns the savepoint's
     * path. A job that is restarting is waited for first: a savepoint needs every task running.
     */
    public String stopWithSavepoint(String jobId) throws IOException, InterruptedException {
        awaitRunning(jobId, TIMEOUT);
        String request = send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/stop"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"drain\": false}"))
                        .header("Content-Type", "application/json"))
                .path("request-id")
                .asText();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + request);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException("the savepoint failed: "
                            + operation
                                    .path("failure-cause")
                                    .path("stack-trace")
                                    .asText()
                                    .lines()
                                    .findFirst()
                                    .orElse(""));
                }
                return operation.path("location").asText();
            }
            Thread.sleep(200);
        }
        throw new IOException("no savepoint within " + TIMEOUT.toSeconds() + " s");
    }

    public void cancel(String jobId) throws IOException {
        send(HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** Waits until the job is RUNNING (every task deployed) or ended; returns the state it reached. */
    public String awaitRunning(String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = state(jobId);
        while (System.nanoTime() < deadline) {
            state = state(jobId);
            if (List.of("FINISHED", "CANCELED", "FAILED").contains(state)) {
                return state;
            }
            if ("RUNNING".equals(state) && allTasksRunning(jobId)) {
                return state;
            }
            Thread.sleep(250);
        }
        return state;
    }

    private boolean allTasksRunning(String jobId) throws IOException {
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            if (!"RUNNING".equals(vertex.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Why the job failed, from its exception history: the root exception's first line. */
    public String failure(String jobId) throws IOException {
        JsonNode root = get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .path(0);
        String text = root.path("exceptionName").asText("") + ": "
                + root.path("stacktrace").asText("").lines().findFirst().orElse("");
        return text.isBlank() ? "no exception recorded" : text;
    }

    private JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String errors = response.body();
            try {
                JsonNode node = JSON.readTree(errors).path("errors");
                errors = node.isArray() && !node.isEmpty()
                        ? node.get(0).asText().lines().findFirst().orElse("")
                        : errors;
            } catch (IOException ignored) {
                // not JSON: the body as it is
            }
            String message = "Flink REST " + response.request().method() + " "
                    + response.request().uri().getPath() + " answered " + response.statusCode() + ": " + errors;
            throw response.statusCode() == 404 ? new NotKnown(message) : new IOException(message);
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
