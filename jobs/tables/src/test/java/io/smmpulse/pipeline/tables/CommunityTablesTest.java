package io.smmpulse.pipeline.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.smmpulse.clickhouse.ClickHouseSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The columns of a group KPI's table come from the KPI's own counter and set names, in the
 * positions the KPI counts them at: each must be a column of that table in sql/.
 */
class CommunityTablesTest {
    @Test
    void everyGroupTableWritesColumnsItsDdlDeclaresNamedAsItsKpiCountsThem() throws Exception {
        String ddl = allSql();
        for (CommunityTables.GroupTable table : CommunityTables.GROUP_TABLES) {
            assertThat(table.columns())
                    .as("%s (KPI %s)", table.table(), table.kpi().name())
                    .doesNotHaveDuplicates()
                    .hasSize(table.dims().size()
                            + table.kpi().counters()
                            + table.kpi().sets());
            assertThat(declaredColumns(ddl, table.table()))
                    .as("columns of %s in sql/", table.table())
                    .containsAll(table.columns());
            assertThat(table.mapping().columns()).isEqualTo(table.columns());
        }
    }

    private static String allSql() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(ClickHouseSchema.locateSqlDir())) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    /** The first word of each line of the table's CREATE TABLE column list, and its added columns. */
    private static List<String> declaredColumns(String ddl, String table) {
        List<String> columns = new ArrayList<>();
        Matcher create = Pattern.compile("CREATE TABLE IF NOT EXISTS " + table + "\\s*\\((.*?)\\n\\)", Pattern.DOTALL)
                .matcher(ddl);
        assertThat(create.find()).as("CREATE TABLE %s in sql/", table).isTrue();
        for (String line : create.group(1).split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (!words[0].isEmpty()) {
                columns.add(words[0]);
            }
        }
        Matcher added = Pattern.compile("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS (\\w+)")
                .matcher(ddl);
        while (added.find()) {
            columns.add(added.group(1));
        }
        return columns;
    }
}
