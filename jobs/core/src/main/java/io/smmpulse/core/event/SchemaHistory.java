package io.smmpulse.core.event;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every published version of the event schema ({@code schemas/history/social_event/vN.avsc}, on
 * the classpath), oldest first. The running job knows them all as writer schemas, so producers
 * that have upgraded and those that have not share one topic. The newest is the schema the Java
 * classes are generated from; the build checks that each version reads all earlier ones.
 */
public final class SchemaHistory {
    private static final String FOLDER = "/schemas/history/social_event/";

    private SchemaHistory() {}

    public static List<Schema> socialEvent() {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = SchemaHistory.class.getResourceAsStream(FOLDER + "v" + version + ".avsc")) {
                if (in == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + FOLDER + "v" + version + ".avsc: " + e.getMessage(), e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no event schema history on the classpath under " + FOLDER);
        }
        return List.copyOf(versions);
    }
}
