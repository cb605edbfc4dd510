package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

/** Compares query results with expected rows; numbers within 1e-9 relative, NULL as null. */
final class ExpectedRows {
    private ExpectedRows() {}

    static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }

    static void assertRows(List<List<String>> actual, List<List<String>> expected) {
        List<List<String>> body = actual.subList(1, actual.size());
        assertThat(body).as("rows of %s", actual.get(0)).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < expected.get(r).size(); c++) {
                String want = expected.get(r).get(c);
                String got = body.get(r).get(c);
                String where = "row " + r + " column " + actual.get(0).get(c) + " of " + body.get(r);
                if (want == null || got == null) {
                    assertThat(got).as(where).isEqualTo(want);
                } else if (want.matches("-?\\d+(\\.\\d+)?(E-?\\d+)?") && got.matches("-?\\d+(\\.\\d+)?(E-?\\d+)?")) {
                    double w = Double.parseDouble(want), g = Double.parseDouble(got);
                    assertThat(Math.abs(w - g))
                            .as(where + ": " + got + " vs " + want)
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(w)));
                } else {
                    assertThat(got).as(where).isEqualTo(want);
                }
            }
        }
    }
}
