package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local engine's HTTP front (stack/clickhouse/server.js) as an attacker on the same machine or
 * a web page in the developer's browser would try it: credentials are checked for every user,
 * only loopback Host names and no cross-origin requests get through, and the analyst is read-only
 * the way the real server's grants make it.
 */
class LocalClickHouseFrontIT {
    private static final URI SERVER =
            URI.create(System.getenv().getOrDefault("PULSE_CLICKHOUSE_URL", "http://127.0.0.1:8123"));
    private static final String ANALYST = System.getenv().getOrDefault("PULSE_ANALYST_USER", "analyst");
    private static final String ANALYST_PASSWORD = System.getenv().getOrDefault("PULSE_ANALYST_PASSWORD", "analyst");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A database with the project's schema, so that every table an attack names exists. */
    private static String database = "default";

    @BeforeAll
    static void onlyAgainstTheLocalEngine() throws Exception {
        assumeTrue(localEngine(), "PULSE_CLICKHOUSE_URL names a real server, which enforces users itself");
        database = TestStack.fresh("analyst").deployment.clickHouse().database();
    }

    /** Whether PULSE_CLICKHOUSE_URL is the local stack's engine behind stack/clickhouse/server.js. */
    static boolean localEngine() throws Exception {
        HttpResponse<String> response =
                post("default", System.getenv().getOrDefault("PULSE_CLICKHOUSE_PASSWORD", ""), "SELECT 1", null);
        return "chdb-local"
                .equals(response.headers()
                        .firstValue("X-ClickHouse-Server-Display-Name")
                        .orElse(""));
    }

    private static HttpResponse<String> post(String user, String password, String sql, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(SERVER.resolve("/?database=" + database))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(sql));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAdminUserNeedsItsConfiguredPassword() throws Exception {
        HttpResponse<String> response = post("default", "not-the-password", "SELECT 1", null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("AUTHENTICATION_FAILED");
        assertThat(post(ANALYST, "not-the-password", "SELECT 1", null).body()).contains("AUTHENTICATION_FAILED");
        assertThat(post("nobody", "", "SELECT 1", null).body()).contains("AUTHENTICATION_FAILED");
    }

    @Test
    void aCrossOriginRequestIsRefused() throws Exception {
        HttpResponse<String> response = post(ANALYST, ANALYST_PASSWORD, "SELECT 1", "http://evil.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("cross-origin request");
    }

    @Test
    void aForeignHostNameIsRefused() throws Exception {
        try (Socket socket = new Socket(SERVER.getHost(), SERVER.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /?query=SELECT%201 HTTP/1.1\r\nHost: rebound.example:" + SERVER.getPort()
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 403").contains("is not a loopback address");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM file('/etc/passwd', 'LineAsString')",
                "SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')",
                "SELECT 1 INTO OUTFILE '/tmp/pulse-analyst-outfile'",
                "SELECT payload FROM rejected_events",
                "SELECT text FROM `events`",
                "SELECT 1; DROP TABLE fr_questions",
                "CREATE TABLE x (a UInt8) ENGINE = Memory",
                "/* SELECT */ INSERT INTO fr_questions SELECT * FROM fr_questions",
                "SELECT count() FROM merge(currentDatabase(), '^events$')",
                "SELECT 1 AS `--`, text FROM events",
                "SELECT 1 AS `#`, actor_id, text FROM events",
                "SELECT 1 AS \"/*\", text FROM events -- */",
                "SELECT * FROM view(SELECT text FROM events)",
                "WITH hidden AS (SELECT text FROM events) SELECT * FROM hidden",
                "SELECT * FROM kpi_ugc_weekly WHERE community_id IN (SELECT text FROM events)",
                "SELECT * FROM system.parts",
                "SELECT * FROM system.query_log",
                "SELECT * FROM system . `processes`",
                "SELECT dictGet('any_dictionary', 'attribute', 1)",
                "SELECT * FROM generateRandom('a String')",
                "SELECT * FROM remote('127.0.0.1', system.one)",
                "SELECT * FROM sink_commits",
                "DESCRIBE TABLE events",
                "SHOW CREATE TABLE events",
                "EXPLAIN SELECT text FROM events"
            })
    void theAnalystCannotReachFilesTheNetworkRawPayloadsOrWrite(String sql) throws Exception {
        HttpResponse<String> response = post(ANALYST, ANALYST_PASSWORD, sql, null);
        assertThat(response.statusCode()).as(sql).isEqualTo(403);
        assertThat(response.body()).as(sql).containsAnyOf("READONLY", "ACCESS_DENIED");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "WITH recent AS (SELECT * FROM kpi_ugc_weekly) SELECT count() FROM recent",
                "SELECT count() FROM kpi_first_response_daily WHERE community_id IN (SELECT community_id FROM fr_questions)",
                "SELECT count() FROM numbers(3)",
                "DESCRIBE TABLE kpi_sla_breaches",
                "SHOW TABLES",
                "EXPLAIN SELECT * FROM kpi_content_posts"
            })
    void theAnalystQueriesTheViewsAndResultsTablesAsSheLikes(String sql) throws Exception {
        HttpResponse<String> response = post(ANALYST, ANALYST_PASSWORD, sql, null);
        assertThat(response.statusCode()).as(sql + ": " + response.body()).isEqualTo(200);
    }

    @Test
    void theAnalystReadsWhatDashboardsRead() throws Exception {
        HttpResponse<String> response =
                post(ANALYST, ANALYST_PASSWORD, "SELECT 'file(', count() FROM system.one -- INTO OUTFILE", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("file(\t1\n");
    }

    @Test
    void theCatalogShowsTheAnalystOnlyWhatSheIsGranted() throws Exception {
        String tables = post(ANALYST, ANALYST_PASSWORD, "SELECT name FROM system.tables ORDER BY name", null)
                .body();
        assertThat(tables.lines()).contains("kpi_goals", "fr_questions").doesNotContain("events", "sink_commits");
        assertThat(post(ANALYST, ANALYST_PASSWORD, "SHOW TABLES", null).body()).isEqualTo(tables);
        assertThat(post(
                                ANALYST,
                                ANALYST_PASSWORD,
                                "SELECT count() FROM `system`.`columns` WHERE table = 'events'",
                                null)
                        .body())
                .isEqualTo("0\n");
        assertThat(post(ANALYST, ANALYST_PASSWORD, "SELECT name FROM system.databases", null)
                        .body())
                .isEqualTo(database + "\n");
        assertThat(post(ANALYST, ANALYST_PASSWORD, "SELECT 'system.tables'", null)
                        .body())
                .as("a literal is left as it is")
                .isEqualTo("system.tables\n");
    }
}
