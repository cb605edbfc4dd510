package io.smmpulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The job jar that a Flink cluster runs: its own code and connectors, never the cluster's Flink
 * runtime. An integration test: the jar is made in this module's package phase, after the unit tests.
 */
class JobJarIT {
    private static final List<String> CLUSTER_PACKAGES = List.of(
            "org/apache/flink/runtime/",
            "org/apache/flink/api/common/",
            "org/apache/flink/configuration/",
            "org/apache/flink/streaming/api/",
            "org/apache/flink/core/",
            "org/apache/flink/client/",
            "org/apache/flink/shaded/",
            "org/slf4j/",
            "org/apache/logging/log4j/");

    @Test
    void theJobJarHoldsTheJobAndItsConnectorsButNoFlinkRuntime() throws Exception {
        Path jar = Path.of("target/pulse-pipeline.jar");
        assertThat(jar).as("built by this module's package phase").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.smmpulse.pipeline.StreamingJob");
            List<String> entries = file.stream().map(e -> e.getName()).toList();
            assertThat(entries)
                    .contains(
                            "io/smmpulse/pipeline/StreamingJob.class",
                            "io/smmpulse/clickhouse/ClickHouseSink.class",
                            "io/smmpulse/firstresponse/FirstResponseFunction.class",
                            "io/smmpulse/schema/SocialEvent.class",
                            "org/apache/flink/connector/kafka/source/KafkaSource.class",
                            "schemas/history/social_event/v1.avsc");
            for (String cluster : CLUSTER_PACKAGES) {
                assertThat(entries).as("nothing under " + cluster).noneMatch(name -> name.startsWith(cluster));
            }
        }
        assertThat(Files.size(jar)).as("bytes").isLessThan(60L << 20);
    }
}
