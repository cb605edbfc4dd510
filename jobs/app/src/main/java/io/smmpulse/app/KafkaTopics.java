package io.smmpulse.app;

import io.smmpulse.core.config.ConfigException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the project's topics explicitly (the local broker does not create topics on use). */
public final class KafkaTopics {
    public static final int PARTITIONS = 2;

    private KafkaTopics() {}

    public static void ensure(String bootstrap, List<String> topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(20, TimeUnit.SECONDS);
            }
        } catch (TimeoutException e) {
            throw new ConfigException("PULSE_KAFKA_BOOTSTRAP: cannot reach Kafka at " + bootstrap + " (is the stack up? try: bin/pulse up)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return;
            }
            throw new ConfigException("PULSE_KAFKA_BOOTSTRAP: Kafka at " + bootstrap + " refused to create topics " + topics + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while creating Kafka topics");
        }
    }
}
