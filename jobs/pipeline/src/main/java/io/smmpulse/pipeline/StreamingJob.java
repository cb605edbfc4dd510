package io.smmpulse.pipeline;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.core.config.Communities;
import io.smmpulse.core.config.ConfigException;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.core.config.EventTimeSettings;
import io.smmpulse.core.event.Envelope;
import io.smmpulse.core.event.RejectedEvent;
import io.smmpulse.core.kafka.KafkaClientSettings;
import io.smmpulse.schema.SlaAlert;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming job: the Kafka events topic through every KPI topology into ClickHouse, SLA alerts
 * to Kafka in transactions, rejections to the dead-letter topic. The job jar's entry point
 * ({@code flink run pulse-pipeline.jar}); settings from the environment ({@link Deployment}),
 * {@code PULSE_COMMUNITIES} names the communities file, the embedded defaults apply without it.
 */
public final class StreamingJob {
    /** Results and alerts become visible when a checkpoint completes: this bounds their delay. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private StreamingJob() {}

    /**
     * On a cluster. Settings come from program arguments, each a setting's name without
     * {@code PULSE_} (e.g. {@code --kafka-bootstrap kafka:9092 --clickhouse-database pulse}), then
     * from the environment; {@code --spool-dir} names the ClickHouse sinks' spool folder, which
     * every TaskManager must share (default PULSE_HOME/spool).
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>(System.getenv());
        settings.putAll(programArguments(args));
        Deployment deployment = Deployment.from(settings);
        String file = settings.get("PULSE_COMMUNITIES");
        Communities communities =
                file == null || file.isBlank() ? Communities.embedded() : Communities.load(Paths.get(file));
        String spool = settings.get("PULSE_SPOOL_DIR");
        Path spoolDir = spool == null || spool.isBlank() ? deployment.home().resolve("spool") : Paths.get(spool);
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        KafkaTopics.keepAlerts(deployment.kafkaBootstrap(), deployment.alertTopic(), deployment.alertExpiry());
        ClickHouseSchema.apply(deployment.clickHouse());
        StreamExecutionEnvironment env = JobSetup.clusterEnvironment();
        if (RESUME_OR_REFUSE.equals(settings.get("PULSE_START"))
                && env.getConfiguration()
                        .getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
                        .isEmpty()
                && ClickHouseSchema.holdsResults(deployment.clickHouse())) {
            throw new ConfigException("no savepoint or retained checkpoint to resume from, and "
                    + deployment.clickHouse() + " already holds"
                    + " results: a job with empty state would overwrite them with partial totals. Put the newest checkpoint or savepoint"
                    + " back on the data volume, or start over on purpose with PULSE_START=fresh (docs/operations.md)");
        }
        attach(env, deployment, communities, spoolDir);
        env.execute(jobName(deployment));
    }

    /** PULSE_START of a job that must resume (docker-compose): empty state on a database with results is refused. */
    static final String RESUME_OR_REFUSE = "resume-or-refuse";

    /** What a cluster job is called: one streaming job per events topic. */
    public static String jobName(Deployment deployment) {
        return "smm-pulse " + deployment.topic();
    }

    /** {@code --kafka-bootstrap X} becomes PULSE_KAFKA_BOOTSTRAP = X. */
    static Map<String, String> programArguments(String[] args) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || args[i].length() < 3 || i + 1 >= args.length) {
                throw new ConfigException(
                        "program arguments are --name value pairs, e.g. --kafka-bootstrap kafka:9092; got \"" + args[i]
                                + "\"");
            }
            settings.put(
                    "PULSE_" + args[i].substring(2).toUpperCase(Locale.ROOT).replace('-', '_'), args[++i]);
        }
        return settings;
    }

    /**
     * Alert transactions stay open from one checkpoint to the next, and across a restart until the
     * restored job commits them: longer than a checkpoint's timeout plus a restart's backoff, within
     * the broker's default transaction.max.timeout.ms (15 min).
     */
    static final java.time.Duration ALERT_TRANSACTION_TIMEOUT = java.time.Duration.ofMinutes(15);

    /**
     * The alert sink's transactional ids: one prefix per job, that is per events topic (two jobs that
     * share an alert topic would otherwise fence each other's producers and lose transitions).
     */
    public static String alertTransactionalIdPrefix(Deployment deployment) {
        return "smm-pulse-" + deployment.topic() + "-alerts";
    }

    /** Transactional: a read_committed consumer sees every alert once, also after a restart from a checkpoint. */
    public static void alertsToKafka(DataStream<SlaAlert> alerts, Deployment deployment) {
        alerts.sinkTo(KafkaSink.<SlaAlert>builder()
                        .setBootstrapServers(deployment.kafkaBootstrap())
                        .setRecordSerializer(new AlertSerializer(deployment.alertTopic()))
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setKafkaProducerConfig(KafkaClientSettings.with(new java.util.Properties()))
                        .setTransactionalIdPrefix(alertTransactionalIdPrefix(deployment))
                        .setProperty("transaction.timeout.ms", Long.toString(ALERT_TRANSACTION_TIMEOUT.toMillis()))
                        .build())
                .name("Kafka " + deployment.alertTopic())
                .uid("kafka-sla-alerts");
    }

    /**
     * In this JVM (bin/pulse run --local, bench): checks Kafka and ClickHouse, then builds the job
     * on a local environment that resumes from the latest checkpoint in {@code checkpoints}.
     *
     * @param changelog checkpoint the heap state through a changelog
     */
    public static StreamExecutionEnvironment prepare(
            Deployment deployment, Communities communities, Path checkpoints, boolean changelog) {
        KafkaTopics.ensure(
                deployment.kafkaBootstrap(),
                List.of(deployment.topic(), deployment.deadLetterTopic(), deployment.alertTopic()));
        KafkaTopics.keepAlerts(deployment.kafkaBootstrap(), deployment.alertTopic(), deployment.alertExpiry());
        ClickHouseSchema.apply(deployment.clickHouse());
        StreamExecutionEnvironment env =
                JobSetup.environment(deployment.parallelism(), CHECKPOINT_INTERVAL, checkpoints, true, changelog);
        attach(env, deployment, communities, checkpoints.resolve("clickhouse-spool"));
        return env;
    }

    /** Every KPI from the events topic into ClickHouse, alerts and dead letters to Kafka. */
    public static void attach(
            StreamExecutionEnvironment env, Deployment deployment, Communities communities, Path spool) {
        EventTimeSettings settings = deployment.liveSettings();
        ClockHeartbeats.attach(env, deployment, jobName(deployment));
        SingleOutputStreamOperator<Envelope> events =
                Sources.kafka(env, deployment, "smm-pulse-" + deployment.topic(), settings);
        // A reader without a partition never advances its watermark (Kafka's source does not mark it idle) and
        // would hold the alert clock forever; readers beyond the partitions' number would have none.
        int partitions = KafkaTopics.partitionsOf(deployment.kafkaBootstrap(), deployment.topic());
        if (env.getParallelism() > partitions) {
            events.setParallelism(partitions);
        }
        PulsePipeline.Results results = PulsePipeline.attach(
                events,
                communities,
                settings,
                PulsePipeline.clickHouse(deployment.clickHouse(), spool, deployment.kpiEvents()));
        alertsToKafka(results.alerts(), deployment);
        results.ingest()
                .rejected()
                .sinkTo(KafkaSink.<RejectedEvent>builder()
                        .setBootstrapServers(deployment.kafkaBootstrap())
                        .setRecordSerializer(new DeadLetterSerializer(deployment.deadLetterTopic()))
                        .setKafkaProducerConfig(KafkaClientSettings.with(new java.util.Properties()))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("Kafka dead-letter topic")
                .uid("kafka-dead-letters");
    }
}
