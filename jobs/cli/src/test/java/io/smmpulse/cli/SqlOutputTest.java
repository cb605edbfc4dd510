package io.smmpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.core.config.ConfigException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlOutputTest {
    private static final List<List<String>> ROWS = List.of(
            List.of("community_id", "text", "share"),
            List.of("acme", "a, \"quoted\"\tline", "0.5"),
            Arrays.asList("globex", null, "1"));

    @Test
    void eachFormatKeepsNamesValuesAndNull() {
        assertThat(SqlOutput.named("tsv").render(ROWS))
                .isEqualTo("community_id\ttext\tshare\nacme\ta, \"quoted\"\\tline\t0.5\nglobex\t\\N\t1\n");
        assertThat(SqlOutput.named("CSV").render(ROWS))
                .isEqualTo("community_id,text,share\nacme,\"a, \"\"quoted\"\"\tline\",0.5\nglobex,,1\n");
        assertThat(SqlOutput.named("json").render(ROWS))
                .isEqualTo("{\"community_id\":\"acme\",\"text\":\"a, \\\"quoted\\\"\\tline\",\"share\":\"0.5\"}\n"
                        + "{\"community_id\":\"globex\",\"text\":null,\"share\":\"1\"}\n");
        assertThat(SqlOutput.named("table").render(ROWS))
                .isEqualTo("community_id  text               share\n"
                        + "------------  -----------------  -----\n"
                        + "acme          a, \"quoted\"\\tline  0.5\n"
                        + "globex        NULL               1\n");
    }

    @Test
    void anUnknownFormatIsOneLine() {
        assertThatThrownBy(() -> SqlOutput.named("xml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--format: \"xml\" is none of tsv, csv, json, table");
    }
}
