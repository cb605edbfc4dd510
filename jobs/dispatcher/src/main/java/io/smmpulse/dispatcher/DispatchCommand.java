package io.smmpulse.dispatcher;

import io.smmpulse.core.cli.Launcher;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/pulse dispatch}: the alert dispatcher as a service of its own, beside the job wherever
 * the job runs (the local stack starts one for its Alertmanager; docker-compose runs it as a
 * service). It posts the committed alerts of the alert topic to Alertmanager (or any webhook that
 * takes its JSON) until stopped.
 */
@Command(
        name = "dispatch",
        mixinStandardHelpOptions = true,
        description = {
            "Post the job's alerts (SLA breaches, at-risk warnings) to Alertmanager or another webhook,",
            "keeping firing alerts active until they resolve; runs until stopped."
        })
public final class DispatchCommand implements Callable<Integer> {
    @Option(
            names = "--alert-webhook",
            paramLabel = "URL",
            description =
                    "e.g. http://127.0.0.1:9193/api/v2/alerts (a secret; PULSE_ALERT_WEBHOOK or PULSE_ALERT_WEBHOOK_FILE work too)")
    String alertWebhook;

    @Option(
            names = "--bearer-token-file",
            paramLabel = "FILE",
            description = "send Authorization: Bearer <the file's content> (or PULSE_ALERT_BEARER_TOKEN_FILE)")
    Path bearerTokenFile;

    @Option(
            names = "--basic-auth-file",
            paramLabel = "FILE",
            description = "send basic auth from a file holding user:password (or PULSE_ALERT_BASIC_AUTH_FILE)")
    Path basicAuthFile;

    @Option(
            names = "--refresh",
            paramLabel = "DURATION",
            description = "post firing alerts again this often; they end 4 refreshes later unless posted again "
                    + "(default ${DEFAULT-VALUE}, or PULSE_ALERT_REFRESH)",
            defaultValue = "${env:PULSE_ALERT_REFRESH:-60s}")
    Duration refresh;

    @Option(
            names = "--dashboard-url",
            paramLabel = "URL",
            description = "the Grafana an alert's link opens, at the dashboard of its subject with its community "
                    + "(default ${DEFAULT-VALUE}, or PULSE_DASHBOARD_URL)",
            defaultValue = "${env:PULSE_DASHBOARD_URL:-" + AlertDispatcher.DEFAULT_DASHBOARD_URL + "}")
    String dashboardUrl;

    @Option(
            names = "--group",
            paramLabel = "NAME",
            description =
                    "the Kafka consumer group; one per alert topic by default, whatever the URL"
                            + " (a second dispatcher posting the same alerts elsewhere needs its own; or PULSE_DISPATCHER_GROUP)",
            defaultValue = "${env:PULSE_DISPATCHER_GROUP}")
    String group;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = Deployment.fromEnv();
        URI webhook = webhook(alertWebhook);
        if (webhook == null) {
            throw new ConfigException(
                    "--alert-webhook: no webhook given (nor PULSE_ALERT_WEBHOOK / PULSE_ALERT_WEBHOOK_FILE); "
                            + "for the local stack's Alertmanager: http://127.0.0.1:9193/api/v2/alerts");
        }
        Launcher.positive("--refresh", refresh.toMillis());
        DispatcherMetrics metrics =
                DispatcherMetrics.serve(System.getenv().getOrDefault("PULSE_DISPATCHER_METRICS", "127.0.0.1:9102"));
        AlertDispatcher dispatcher = new AlertDispatcher(
                        deployment.kafkaBootstrap(),
                        deployment.alertTopic(),
                        webhook,
                        deployment.clickHouse(),
                        alert -> {})
                .reportTo(metrics)
                .refreshEvery(refresh)
                .linkTo(dashboardUrl)
                .group(group)
                .authorization(authorization(
                        orEnv(bearerTokenFile, "PULSE_ALERT_BEARER_TOKEN_FILE"),
                        orEnv(basicAuthFile, "PULSE_ALERT_BASIC_AUTH_FILE")));
        Runtime.getRuntime().addShutdownHook(new Thread(dispatcher::stop, "stop-dispatcher"));
        System.out.println("posting alerts of " + deployment.alertTopic() + " to " + AlertDispatcher.describe(webhook)
                + ", refreshing firing alerts every " + refresh.toMillis() / 1000.0 + " s");
        dispatcher.run();
        return 0;
    }

    private static Path orEnv(Path option, String variable) {
        String value = System.getenv(variable);
        return option != null ? option : value == null || value.isBlank() ? null : Path.of(value);
    }

    /** The Authorization header from a bearer token file or a user:password file; null without either. */
    public static String authorization(Path bearerTokenFile, Path basicAuthFile) {
        if (bearerTokenFile != null && basicAuthFile != null) {
            throw new ConfigException("--bearer-token-file and --basic-auth-file: give one of them, not both");
        }
        if (bearerTokenFile != null) {
            String token = read(bearerTokenFile, "--bearer-token-file");
            if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ')) {
                throw new ConfigException(
                        "--bearer-token-file: " + bearerTokenFile + " must hold one token (no spaces or line breaks)");
            }
            return "Bearer " + token;
        }
        if (basicAuthFile != null) {
            String credentials = read(basicAuthFile, "--basic-auth-file");
            if (credentials.indexOf(':') <= 0 || credentials.contains("\n")) {
                throw new ConfigException("--basic-auth-file: " + basicAuthFile + " must hold one line user:password");
            }
            return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(
                    option + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * --alert-webhook URL, else PULSE_ALERT_WEBHOOK, else the file named by PULSE_ALERT_WEBHOOK_FILE,
     * else none. The URL is a secret (it usually carries the token that lets anyone post): bin/pulse
     * moves the flag into the environment before the JVM starts, and it is never printed.
     */
    public static URI webhook(String flag) {
        String value = flag != null ? flag : System.getenv("PULSE_ALERT_WEBHOOK");
        String file = System.getenv("PULSE_ALERT_WEBHOOK_FILE");
        if ((value == null || value.isBlank()) && file != null && !file.isBlank()) {
            try {
                value = java.nio.file.Files.readString(java.nio.file.Paths.get(file))
                        .strip();
            } catch (java.io.IOException e) {
                throw new io.smmpulse.core.config.ConfigException(
                        "PULSE_ALERT_WEBHOOK_FILE: cannot read " + file + ": " + e.getMessage());
            }
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw new io.smmpulse.core.config.ConfigException(
                "--alert-webhook: the value is not an http:// or https:// URL with a host");
    }
}
