package io.smmpulse.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smmpulse.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher's webhook authentication, read from a file and never from an argument. */
class DispatchAuthorizationTest {
    @TempDir
    Path dir;

    @Test
    void aBearerTokenFileGivesABearerHeader() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t-token\n");
        assertThat(DispatchCommand.authorization(token, null)).isEqualTo("Bearer s3cr3t-token");
    }

    @Test
    void aBasicAuthFileGivesABasicHeader() throws Exception {
        Path credentials = Files.writeString(dir.resolve("basic"), "pulse:pa:ss\n");
        assertThat(DispatchCommand.authorization(null, credentials)).isEqualTo("Basic cHVsc2U6cGE6c3M=");
    }

    @Test
    void noFileNoHeader() {
        assertThat(DispatchCommand.authorization(null, null)).isNull();
    }

    @Test
    void mistakesAreNamedWithoutShowingTheSecret() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "two words");
        Path basic = Files.writeString(dir.resolve("basic"), "no-colon");
        assertThatThrownBy(() -> DispatchCommand.authorization(token, basic))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> DispatchCommand.authorization(token, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--bearer-token-file")
                .hasMessageNotContaining("two words");
        assertThatThrownBy(() -> DispatchCommand.authorization(null, basic))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password")
                .hasMessageNotContaining("no-colon");
        assertThatThrownBy(() -> DispatchCommand.authorization(dir.resolve("missing"), null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read");
    }
}
