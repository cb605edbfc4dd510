package io.smmpulse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smmpulse.core.config.ConfigException;
import java.util.List;

/** How {@code bin/pulse sql} prints rows: the first row holds the column names, NULL is null. */
enum SqlOutput {
    TSV {
        @Override
        String render(List<List<String>> rows) {
            StringBuilder out = new StringBuilder();
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    out.append(i > 0 ? "\t" : "").append(tsv(row.get(i)));
                }
                out.append('\n');
            }
            return out.toString();
        }
    },
    CSV {
        @Override
        String render(List<List<String>> rows) {
            StringBuilder out = new StringBuilder();
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    out.append(i > 0 ? "," : "").append(csv(row.get(i)));
                }
                out.append('\n');
            }
            return out.toString();
        }
    },
    JSON {
        @Override
        String render(List<List<String>> rows) {
            ObjectMapper json = new ObjectMapper();
            StringBuilder out = new StringBuilder();
            List<String> names = rows.get(0);
            for (List<String> row : rows.subList(1, rows.size())) {
                ObjectNode object = json.createObjectNode();
                for (int i = 0; i < names.size(); i++) {
                    object.put(names.get(i), row.get(i));
                }
                out.append(object).append('\n');
            }
            return out.toString();
        }
    },
    TABLE {
        @Override
        String render(List<List<String>> rows) {
            int columns = rows.get(0).size();
            int[] widths = new int[columns];
            for (List<String> row : rows) {
                for (int i = 0; i < columns; i++) {
                    widths[i] = Math.max(widths[i], shown(row.get(i)).length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (int r = 0; r < rows.size(); r++) {
                for (int i = 0; i < columns; i++) {
                    String value = shown(rows.get(r).get(i));
                    out.append(i > 0 ? "  " : "").append(value).append(" ".repeat(widths[i] - value.length()));
                }
                out.setLength(out.length() - trailingSpaces(out));
                out.append('\n');
                if (r == 0) {
                    for (int i = 0; i < columns; i++) {
                        out.append(i > 0 ? "  " : "").append("-".repeat(widths[i]));
                    }
                    out.append('\n');
                }
            }
            return out.toString();
        }
    };

    abstract String render(List<List<String>> rows);

    static SqlOutput named(String name) {
        for (SqlOutput output : values()) {
            if (output.name().equalsIgnoreCase(name)) {
                return output;
            }
        }
        throw new ConfigException("--format: \"" + name + "\" is none of tsv, csv, json, table");
    }

    private static String tsv(String value) {
        return value == null
                ? "\\N"
                : value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        boolean quoted = value.contains(",") || value.contains("\"") || value.contains("\n") || value.isEmpty();
        return quoted ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String shown(String value) {
        return value == null ? "NULL" : value.replace("\n", "\\n").replace("\t", "\\t");
    }

    private static int trailingSpaces(StringBuilder out) {
        int spaces = 0;
        while (spaces < out.length() && out.charAt(out.length() - 1 - spaces) == ' ') {
            spaces++;
        }
        return spaces;
    }
}
