package io.smmpulse.pipeline;

import io.smmpulse.core.Errors;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RetriableException;

/** Creates the project's topics explicitly (the local broker does not create topics on use). */
public final class KafkaTopics {
    /** PULSE_TOPIC_PARTITIONS and PULSE_TOPIC_REPLICATION: how topics this project creates are laid out (a 3-broker cluster: 3). */
    public static int partitions() {
        return setting("PULSE_TOPIC_PARTITIONS", 2, 1, 1000);
    }

    static short replication() {
        return (short) setting("PULSE_TOPIC_REPLICATION", 1, 1, 7);
    }

    private static int setting(String name, int fallback, int min, int max) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(name + ": \"" + value + "\" is not a whole number from " + min + " to " + max);
    }

    private KafkaTopics() {}

    /** Deletes the topics (if present) and creates them empty: the demo's sandbox starts clean each time. */
    public static void recreate(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<String> doomed = topics.stream().filter(existing::contains).toList();
            if (!doomed.isEmpty()) {
                admin.deleteTopics(doomed).all().get(20, TimeUnit.SECONDS);
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                Set<String> now = admin.listTopics().names().get(20, TimeUnit.SECONDS);
                if (topics.stream().noneMatch(now::contains)) {
                    break;
                }
                Thread.sleep(200);
            }
        } catch (TimeoutException | ExecutionException e) {
            throw new ConfigException("PULSE_KAFKA_BOOTSTRAP: cannot reset topics " + topics + " at " + bootstrap + ": "
                    + Errors.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while resetting Kafka topics");
        }
        ensure(bootstrap, topics);
    }

    /**
     * The alert topic keeps every alert that may still be firing: compacted by the alert's identity (its
     * Kafka key), so the newest transition of each alert stays, and its records kept three times the
     * alert expiry (a breach resolves as expired after it), so a dispatcher that starts reads every firing
     * alert however long ago it fired.
     */
    public static void keepAlerts(String bootstrap, String topic, java.time.Duration alertExpiry) {
        var resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        var configs = List.of(
                new org.apache.kafka.clients.admin.AlterConfigOp(
                        new org.apache.kafka.clients.admin.ConfigEntry("cleanup.policy", "compact,delete"),
                        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET),
                new org.apache.kafka.clients.admin.AlterConfigOp(
                        new org.apache.kafka.clients.admin.ConfigEntry(
                                "retention.ms",
                                Long.toString(alertExpiry.multipliedBy(3).toMillis())),
                        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET));
        withAdmin(
                bootstrap,
                "PULSE_ALERT_TOPIC: cannot set how long " + topic + " keeps alerts",
                admin -> admin.incrementalAlterConfigs(java.util.Map.of(resource, configs))
                        .all()
                        .get(20, TimeUnit.SECONDS));
    }

    /**
     * Until every partition of the new topics has a leader: a producer that writes to a partition the
     * broker does not lead yet gets NOT_LEADER_OR_FOLLOWER, and an idempotent one can then lose its
     * first batches to OUT_OF_ORDER_SEQUENCE_NUMBER until they expire (seen on a topic written right
     * after it was created).
     */
    private static void awaitLeaders(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            boolean led;
            try {
                led = admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values().stream()
                        .allMatch(description -> description.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException e) {
                // a broker that has not yet learnt of a topic just created answers "unknown topic" for a while
                if (!(e.getCause() instanceof RetriableException) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                led = false;
            }
            if (led || System.currentTimeMillis() > deadline) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** How many partitions {@code topic} has now. */
    public static int partitionsOf(String bootstrap, String topic) {
        return withAdmin(
                bootstrap,
                "PULSE_KAFKA_BOOTSTRAP: cannot describe the topic " + topic,
                admin -> admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(20, TimeUnit.SECONDS)
                        .get(topic)
                        .partitions()
                        .size());
    }

    /** One admin request; a failure becomes a ConfigException that says what could not be done, where and why. */
    private static <T> T withAdmin(String bootstrap, String failure, AdminCall<T> call) {
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            return call.on(admin);
        } catch (TimeoutException | ExecutionException e) {
            throw new ConfigException(failure + " at " + bootstrap + ": " + Errors.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted: " + failure);
        }
    }

    private interface AdminCall<T> {
        T on(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static Properties adminProperties(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return KafkaClientSettings.with(props);
    }

    public static void ensure(String bootstrap, List<String> topics) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                create(bootstrap, topics);
                return;
            } catch (ConfigException e) {
                // a topic still marked for deletion cannot be created yet, and a broker just started or
                // failed over answers for a while that it does not host a partition
                boolean worthRetrying = e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException
                        || e.getCause() instanceof RetriableException;
                if (!worthRetrying || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                pause(Duration.ofMillis(200));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while creating Kafka topics");
        }
    }

    private static void create(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions(), replication()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(20, TimeUnit.SECONDS);
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
        } catch (TimeoutException e) {
            throw new ConfigException("PULSE_KAFKA_BOOTSTRAP: cannot reach Kafka at " + bootstrap
                    + " (is the stack up? try: bin/pulse up)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new ConfigException("PULSE_KAFKA_BOOTSTRAP: cannot reach Kafka at " + bootstrap
                        + " (is the stack up? try: bin/pulse up)");
            }
            throw new ConfigException(
                    "PULSE_KAFKA_BOOTSTRAP: Kafka at " + bootstrap + " refused to create topics " + topics + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while creating Kafka topics");
        }
    }
}
