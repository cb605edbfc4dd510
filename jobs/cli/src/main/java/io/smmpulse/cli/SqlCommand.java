package io.smmpulse.cli;

import io.smmpulse.clickhouse.ClickHouseClient;
import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.Errors;
import io.smmpulse.core.config.ClickHouseSettings;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/pulse sql 'SELECT ...'}: one query on the configured ClickHouse, printed in a format of choice. */
@Command(
        name = "sql",
        description = "Run one query on the configured ClickHouse (an argument, or stdin); print its rows with names.")
final class SqlCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "QUERY",
            arity = "0..1",
            description = "one statement, in quotes: bin/pulse sql 'SELECT * FROM kpi_first_response_daily';"
                    + " without it (or -) the statement is read from stdin")
    String query;

    @Option(
            names = "--format",
            description = "tsv (TabSeparatedWithNames), csv (with a header), json (one object per line) or table"
                    + " (default ${DEFAULT-VALUE})",
            defaultValue = "tsv")
    String format;

    @Override
    public Integer call() throws java.io.IOException {
        SqlOutput output = SqlOutput.named(format);
        String statement = query == null || query.equals("-")
                ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                : query;
        if (statement.isBlank()) {
            throw new ConfigException("sql: no query (give it as an argument, or on stdin)");
        }
        Deployment deployment = Deployment.fromEnv();
        List<List<String>> rows;
        try (ClickHouseClient client = connect(deployment.clickHouse())) {
            rows = client.query(statement);
        } catch (SQLException e) {
            System.err.println("pulse: the query failed: " + Errors.firstLine(e.getMessage()));
            return 1;
        }
        System.out.print(output.render(rows));
        return 0;
    }

    @Command(name = "init-db", description = "Create or update the ClickHouse tables and views from sql/.")
    static final class InitDb implements Callable<Integer> {
        @Override
        public Integer call() {
            Deployment deployment = Deployment.fromEnv();
            ClickHouseSchema.apply(deployment.clickHouse());
            System.out.println("database " + deployment.clickHouse().database() + " is ready");
            return 0;
        }
    }

    static ClickHouseClient connect(ClickHouseSettings settings) {
        try {
            return ClickHouseClient.connect(settings);
        } catch (SQLException e) {
            throw new ConfigException("PULSE_CLICKHOUSE_URL: cannot reach ClickHouse at " + settings + ": "
                    + Errors.firstLine(e.getMessage()));
        }
    }
}
