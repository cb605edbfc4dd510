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
import picocli.CommandLine.Parameters;

/** {@code bin/pulse sql 'SELECT ...'}: one query on the configured ClickHouse, TabSeparatedWithNames. */
@Command(name = "sql", description = "Run one query on the configured ClickHouse; print it as TabSeparatedWithNames.")
final class SqlCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "QUERY",
            description = "one statement, in quotes: bin/pulse sql 'SELECT * FROM kpi_first_response_daily'")
    String query;

    @Override
    public Integer call() {
        Deployment deployment = Deployment.fromEnv();
        List<List<String>> rows;
        try (ClickHouseClient client = connect(deployment.clickHouse())) {
            rows = client.query(query);
        } catch (SQLException e) {
            System.err.println("pulse: the query failed: " + Errors.firstLine(e.getMessage()));
            return 1;
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append('\t');
                }
                out.append(tsv(row.get(i)));
            }
            out.append('\n');
        }
        System.out.print(out);
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

    private static String tsv(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }
}
