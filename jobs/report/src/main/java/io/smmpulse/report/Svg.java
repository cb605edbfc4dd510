package io.smmpulse.report;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn as inline SVG when the report is made, so the page needs no script and no network to show them. Every
 * mark carries its value ({@code data-value}) and a tooltip; a missing value (NULL) draws no mark.
 */
final class Svg {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 200;
    private static final int LEFT = 48;
    private static final int BOTTOM = 36;
    private static final int TOP = 12;
    static final String[] COLOURS = {"#3366cc", "#dc7633", "#2e8b57", "#8e44ad"};

    private Svg() {}

    /** One series of a chart: its name and one value per category (null where there is none). */
    record Series(String name, List<Double> values) {}

    /** Grouped bars, one group per category; {@code unit} suffixes the axis ("%" scales shares by 100). */
    static String bars(String id, List<String> categories, List<Series> series, String unit) {
        double max = max(series, unit);
        StringBuilder out = open(id, max, unit);
        int slot = (WIDTH - LEFT - 8) / Math.max(1, categories.size());
        int barWidth = Math.min(48, Math.max(2, (slot - 6) / Math.max(1, series.size())));
        for (int c = 0; c < categories.size(); c++) {
            int x0 = LEFT + c * slot + 3;
            for (int s = 0; s < series.size(); s++) {
                Double value = series.get(s).values().get(c);
                if (value == null) {
                    continue;
                }
                double shown = scaled(value, unit);
                int h = (int) Math.round((HEIGHT - TOP - BOTTOM) * shown / max);
                int x = x0 + s * barWidth;
                out.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"mark\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" data-value=\"%s\">"
                                + "<title>%s %s: %s</title></rect>",
                        x,
                        HEIGHT - BOTTOM - h,
                        barWidth - 1,
                        Math.max(h, 1),
                        COLOURS[s % COLOURS.length],
                        Html.number(value),
                        Html.escape(series.get(s).name()),
                        Html.escape(categories.get(c)),
                        Html.number(value)));
            }
            label(out, x0 + slot / 2 - 3, categories.get(c), categories.size());
        }
        return close(out, series);
    }

    /** Lines over the categories, one per series; a NULL breaks nothing but draws no point. */
    static String lines(String id, List<String> categories, List<Series> series, String unit) {
        double max = max(series, unit);
        StringBuilder out = open(id, max, unit);
        int step = (WIDTH - LEFT - 16) / Math.max(1, categories.size() - 1);
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            for (int c = 0; c < categories.size(); c++) {
                Double value = series.get(s).values().get(c);
                if (value == null) {
                    continue;
                }
                int x = LEFT + 8 + c * step;
                int y = HEIGHT - BOTTOM - (int) Math.round((HEIGHT - TOP - BOTTOM) * scaled(value, unit) / max);
                points.append(x).append(',').append(y).append(' ');
                out.append(String.format(
                        Locale.ROOT,
                        "<circle class=\"mark\" cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\" data-value=\"%s\">"
                                + "<title>%s %s: %s</title></circle>",
                        x,
                        y,
                        COLOURS[s % COLOURS.length],
                        Html.number(value),
                        Html.escape(series.get(s).name()),
                        Html.escape(categories.get(c)),
                        Html.number(value)));
            }
            if (!points.isEmpty()) {
                out.append(String.format(
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>",
                        points.toString().trim(), COLOURS[s % COLOURS.length]));
            }
        }
        for (int c = 0; c < categories.size(); c++) {
            label(out, LEFT + 8 + c * step, categories.get(c), categories.size());
        }
        return close(out, series);
    }

    private static double scaled(double value, String unit) {
        return unit.equals("%") ? value * 100 : value;
    }

    private static double max(List<Series> series, String unit) {
        double max = 0;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    max = Math.max(max, scaled(v, unit));
                }
            }
        }
        return max <= 0 ? 1 : max;
    }

    private static StringBuilder open(String id, double max, String unit) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"" + " role=\"img\">",
                id,
                WIDTH,
                HEIGHT + 18,
                WIDTH,
                HEIGHT + 18));
        out.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                LEFT,
                HEIGHT - BOTTOM,
                WIDTH - 4,
                HEIGHT - BOTTOM));
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"4\" y=\"%d\" font-size=\"10\">%s%s</text><text x=\"4\" y=\"%d\" font-size=\"10\">0</text>",
                TOP + 8,
                Html.number(Double.parseDouble(String.format(Locale.ROOT, "%.4g", max))),
                unit.isEmpty() ? "" : " " + unit,
                HEIGHT - BOTTOM));
        return out;
    }

    private static void label(StringBuilder out, int x, String text, int count) {
        String shown = count > 12 ? text.substring(Math.max(0, text.length() - 2)) : text;
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                x,
                HEIGHT - BOTTOM + 14,
                Html.escape(shown)));
    }

    private static String close(StringBuilder out, List<Series> series) {
        int x = LEFT;
        for (int s = 0; s < series.size(); s++) {
            out.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
                    x,
                    HEIGHT + 2,
                    COLOURS[s % COLOURS.length],
                    x + 14,
                    HEIGHT + 11,
                    Html.escape(series.get(s).name())));
            x += 24 + 7 * series.get(s).name().length();
        }
        return out.append("</svg>").toString();
    }
}
