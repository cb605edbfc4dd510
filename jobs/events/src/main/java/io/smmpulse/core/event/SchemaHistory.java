package io.smmpulse.core.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every published version of a schema ({@code schemas/history/<name>/vN.avsc}, on the classpath),
 * oldest first. Readers know them all as writer schemas, so producers that have upgraded and those
 * that have not share one topic. The newest is the schema the Java classes are generated from; the
 * build checks that each version reads all earlier ones.
 */
public final class SchemaHistory {
    private SchemaHistory() {}

    public static List<Schema> socialEvent() {
        return of("social_event");
    }

    public static List<Schema> slaAlert() {
        return of("sla_alert");
    }

    private static List<Schema> of(String name) {
        String folder = "/schemas/history/" + name + "/";
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = SchemaHistory.class.getResourceAsStream(folder + "v" + version + ".avsc")) {
                if (in == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "cannot read " + folder + "v" + version + ".avsc: " + e.getMessage(), e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no schema history on the classpath under " + folder);
        }
        return List.copyOf(versions);
    }
}
