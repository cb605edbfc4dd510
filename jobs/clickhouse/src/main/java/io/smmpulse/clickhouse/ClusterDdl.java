package io.smmpulse.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema of sql/ for a ClickHouse cluster, statement by statement: each table becomes a
 * {@code Replicated*} table {@code <name>_local} on every shard's replicas and a {@code Distributed}
 * table under the table's own name, sharded by community (or by the table's id where it has no
 * community), every statement {@code ON CLUSTER '{cluster}'}. The job, the views and the analysts
 * keep using the same names, so moving to a cluster changes configuration, not the schema; and
 * because every row of a key lives on one shard, {@code FINAL} and the views' groupings by
 * community stay exact. sql/cluster/ holds the output (checked against sql/ by the build).
 */
public final class ClusterDdl {
    private static final Pattern CREATE = Pattern.compile(
            "^CREATE TABLE IF NOT EXISTS (\\w+)\\s*\\n\\((.*)\\)\\s*\\nENGINE = ReplacingMergeTree\\(_version\\)(.*)$",
            Pattern.DOTALL);
    private static final Pattern CREATE_AS = Pattern.compile("^CREATE TABLE IF NOT EXISTS (\\w+) AS (\\w+)$");
    private static final Pattern ALTER = Pattern.compile("^ALTER TABLE (\\w+) (.*)$", Pattern.DOTALL);
    private static final Pattern VIEW = Pattern.compile("^CREATE OR REPLACE VIEW (\\w+) AS(.*)$", Pattern.DOTALL);
    private static final String ON_CLUSTER = " ON CLUSTER '{cluster}'";

    private ClusterDdl() {}

    /** The cluster statements of one single-server statement. */
    public static List<String> of(String statement) {
        Matcher m;
        if ((m = CREATE.matcher(statement)).matches()) {
            String table = m.group(1);
            String columns = m.group(2);
            return List.of(
                    "CREATE TABLE IF NOT EXISTS " + table + "_local" + ON_CLUSTER + "\n(" + columns + ")\n"
                            + "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', _version)"
                            + m.group(3),
                    distributed(table, shardingKey(columns)));
        }
        if ((m = CREATE_AS.matcher(statement)).matches()) {
            String table = m.group(1);
            return List.of(
                    "CREATE TABLE IF NOT EXISTS " + table + "_local" + ON_CLUSTER + " AS " + m.group(2) + "_local",
                    distributed(table, "cityHash64(community_id)"));
        }
        if ((m = ALTER.matcher(statement)).matches()) {
            String change = m.group(2);
            List<String> statements = new ArrayList<>();
            statements.add("ALTER TABLE " + m.group(1) + "_local" + ON_CLUSTER + " " + change);
            if (change.startsWith("ADD COLUMN")) {
                statements.add("ALTER TABLE " + m.group(1) + ON_CLUSTER + " " + change);
            }
            return statements;
        }
        if ((m = VIEW.matcher(statement)).matches()) {
            return List.of("CREATE OR REPLACE VIEW " + m.group(1) + ON_CLUSTER + " AS" + m.group(2));
        }
        throw new IllegalArgumentException(
                "no cluster form for: " + statement.lines().findFirst().orElse(statement));
    }

    private static String distributed(String table, String shardingKey) {
        return "CREATE TABLE IF NOT EXISTS " + table + ON_CLUSTER + " AS " + table + "_local\n"
                + "ENGINE = Distributed('{cluster}', currentDatabase(), " + table + "_local, " + shardingKey + ")";
    }

    /** A community's rows on one shard; tables without community_id by their first key column. */
    private static String shardingKey(String columns) {
        if (columns.contains("community_id ")) {
            return "cityHash64(community_id)";
        }
        String firstColumn = columns.strip().split("\\s+")[0];
        return "cityHash64(" + firstColumn + ")";
    }

    /** A whole sql/ file in its cluster form. */
    public static String file(String sql) {
        StringBuilder out =
                new StringBuilder("-- Generated from sql/ by ClusterDdl (bin/pulse cluster-ddl); do not edit.\n");
        for (String statement : ClickHouseSchema.statements(sql)) {
            for (String clusterStatement : of(statement)) {
                out.append('\n').append(clusterStatement).append(";\n");
            }
        }
        return out.toString();
    }
}
