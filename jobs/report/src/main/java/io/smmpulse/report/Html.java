package io.smmpulse.report;

import java.math.BigDecimal;
import java.util.List;

/** The page's tables: every cell keeps the view's value as it came ({@code data-value}) beside the text people read. */
final class Html {
    private Html() {}

    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }

    /** A number without a trailing ".0" and without exponent. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** How a cell reads: a share as a percentage, seconds as minutes, a NULL as a dash. */
    static String display(String value, String format) {
        if (value == null) {
            return "–";
        }
        return switch (format) {
            case "%" -> String.format(java.util.Locale.ROOT, "%.1f %%", Double.parseDouble(value) * 100);
            case "s" -> String.format(java.util.Locale.ROOT, "%.1f min", Double.parseDouble(value) / 60);
            case "n" ->
                String.format(java.util.Locale.ROOT, "%,.2f", Double.parseDouble(value))
                        .replaceAll("\\.00$", "");
            default -> value;
        };
    }

    /**
     * A table of query rows: {@code formats} per column ("" as is, "%" share, "s" seconds, "n" number); the header
     * row of {@code rows} names the columns ({@code data-col}).
     */
    static String table(String id, List<String> headers, List<List<String>> rows, List<String> formats) {
        StringBuilder out = new StringBuilder("<table id=\"").append(id).append("\"><thead><tr>");
        for (String header : headers) {
            out.append("<th>").append(escape(header)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        List<String> columns = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                String value = row.get(c);
                String css = value != null && value.matches("on_track|off_track|met|missed|no_data")
                        ? " class=\"status " + value + "\""
                        : "";
                out.append("<td data-col=\"")
                        .append(escape(columns.get(c)))
                        .append("\"")
                        .append(value == null ? " data-null=\"1\"" : " data-value=\"" + escape(value) + "\"")
                        .append(css)
                        .append('>')
                        .append(escape(display(value, formats.get(c))))
                        .append("</td>");
            }
            out.append("</tr>");
        }
        if (rows.size() == 1) {
            out.append("<tr><td colspan=\"")
                    .append(headers.size())
                    .append("\" class=\"none\">none in this period</td></tr>");
        }
        return out.append("</tbody></table>").toString();
    }
}
