package io.smmpulse.cli;

import io.smmpulse.control.FlinkCluster;
import io.smmpulse.control.StreamingJobs;
import io.smmpulse.core.Errors;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.pipeline.StreamingJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/pulse run}, {@code stop} and the job part of {@code status}: the streaming job on the
 * Flink session cluster (the job jar submitted through its REST API), or with {@code --local} in
 * this JVM. A run resumes from the newest savepoint or retained checkpoint of the same job (one job
 * per events topic, recorded under PULSE_HOME/jobs/).
 */
@Command(
        name = "run",
        description = {
            "Submit the streaming job (the job jar) to the Flink cluster and return once it runs;",
            "it resumes from the job's newest savepoint or retained checkpoint."
        })
final class RunCommand implements Callable<Integer> {
    @Mixin
    CommunitiesOption communitiesOption;

    @Option(
            names = "--local",
            description = "run the job in this JVM (an in-process cluster) until Ctrl-C, which takes a savepoint")
    boolean local;

    @Option(
            names = "--from",
            paramLabel = "LOCATION",
            description = "resume from this savepoint or retained checkpoint (a path or URI"
                    + " the cluster can read) instead of the newest one found")
    String from;

    @Option(
            names = "--fresh",
            description = "start with empty state even though the database holds results (they are rewritten "
                    + "from what the job reads; see docs/reliability.md)")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = Deployment.fromEnv();
        if (local) {
            return runHere(communitiesOption.load(), deployment);
        }
        FlinkCluster cluster = FlinkCluster.fromEnv(System.getenv());
        if (fresh && from != null) {
            throw new io.smmpulse.core.config.ConfigException(
                    "--fresh and --from: choose one (start with empty state, or resume from " + from + ")");
        }
        StreamingJobs.Submitted job = StreamingJobs.submit(
                cluster,
                deployment,
                communitiesOption.file,
                fresh
                        ? StreamingJobs.Start.FRESH
                        : from != null ? StreamingJobs.Start.from(from) : StreamingJobs.Start.NEWEST);
        String started = job.alreadyRunning()
                ? "was running already"
                : job.resumedFrom() == null ? "starting fresh" : "resumed from " + job.resumedFrom();
        System.out.println("smm-pulse job " + job.id() + " " + job.state() + " on the Flink cluster (" + cluster.url()
                + "/#/job/running/" + job.id() + "), " + started);
        System.out.println("reading " + deployment.topic() + " at " + deployment.kafkaBootstrap() + ", writing "
                + deployment.clickHouse() + "; bin/pulse stop takes a savepoint");
        System.out.println("alerts go to the topic " + deployment.alertTopic()
                + "; bin/pulse dispatch posts them to Alertmanager (the local stack runs one)");
        return 0;
    }

    @Command(name = "stop", description = "Stop the streaming job with a savepoint, from which the next run resumes.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return StreamingJobs.stop(Deployment.fromEnv());
        }
    }

    @Command(name = "status-job", hidden = true, description = "The job part of bin/pulse status.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Option(names = "--json", description = "one JSON object: services, jobs, running")
        boolean json;

        @picocli.CommandLine.Option(names = "--service", description = "NAME=STATE of a stack service, for --json")
        java.util.Map<String, String> services = new java.util.LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            return json ? StreamingJobs.statusJson(services) : StreamingJobs.status(Deployment.fromEnv());
        }
    }

    /** {@code --local}: the job in this JVM (an in-process cluster) until Ctrl-C, which stops it with a savepoint. */
    private static int runHere(io.smmpulse.core.config.Communities communities, Deployment deployment)
            throws Exception {
        StreamExecutionEnvironment env = StreamingJob.prepare(
                deployment,
                communities,
                deployment.home().resolve("checkpoints").resolve("run"),
                true);
        System.out.println("smm-pulse streaming (in this JVM) from " + deployment.topic() + " at "
                + deployment.kafkaBootstrap() + " into " + deployment.clickHouse());
        JobClient job = env.executeAsync("smm-pulse");
        Path savepoints =
                deployment.home().resolve("checkpoints").resolve("run").resolve("savepoints");
        Thread stopper = new Thread(() -> stopWithSavepoint(job, savepoints), "stop-with-savepoint");
        Runtime.getRuntime().addShutdownHook(stopper);
        job.getJobExecutionResult().get();
        return 0;
    }

    /** Ctrl-C or SIGTERM: stop with a savepoint, so that the next start (at any parallelism) resumes exactly there. */
    private static void stopWithSavepoint(JobClient job, Path savepoints) {
        try {
            String path = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
            System.out.println("stopped with savepoint " + path);
        } catch (Exception e) {
            System.err.println("pulse: no savepoint (" + Errors.firstLine(Errors.rootMessage(e))
                    + "); the next start resumes from the latest checkpoint");
        }
    }
}
