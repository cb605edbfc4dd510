package io.smmpulse.cli;

import io.smmpulse.core.Errors;
import io.smmpulse.pipeline.PulseEnvironment;
import io.smmpulse.core.config.ConfigException;
import java.util.Arrays;
import java.util.List;

/** The launcher behind {@code bin/pulse}: one command per SPEC section 5 (up/down/status live in bin/pulse). */
public final class Pulse {
    static final String USAGE = String.join("\n",
            "usage: bin/pulse COMMAND [options]",
            "  demo [--duration 60s] [--rate N] [--alert-webhook URL]  stack + generator + every KPI job, live summary",
            "  up | down | status                                      start / stop / report the local stack and the job",
            "  replay FILE.jsonl [--communities FILE]                  bounded run of a JSON Lines file into ClickHouse",
            "  run [--communities FILE] [--alert-webhook URL] [--local] the streaming job on the Flink cluster (resumes from its",
            "                                                          latest savepoint or checkpoint); --local: in this JVM",
            "  stop                                                    stop the streaming job with a savepoint",
            "  generate --rate N --duration D [--backfill D]           generated events to Kafka",
            "  generate --output FILE --events N [--span D] [--seed S] generated events to a JSON Lines file",
            "  publish FILE.jsonl                                      each line to the events topic (invalid ones to the DLQ)",
            "  sql 'SELECT ...'                                        one query, printed as TabSeparatedWithNames",
            "  dashboard [--port 8088]                                 the KPI dashboard in the browser (read-only analyst user)",
            "  receiver [--port 9099]                                  a local webhook receiver that prints SLA alerts and their delay",
            "  bench [--events 2000000] [--rate 20000] [--live-duration 120s]",
            "                                                          throughput vs the read-and-decode floor, latency, alert delay, memory",
            "  test                                                    start the stack and run every test");

    private Pulse() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            PulseEnvironment env = PulseEnvironment.fromEnv();
            return switch (args[0]) {
                case "replay" -> ReplayCommand.run(rest, env);
                case "run" -> StreamingCommand.run(rest, env);
                case "stop" -> StreamingCommand.stop(rest, env);
                case "status-job" -> StreamingCommand.status(env);
                case "demo" -> DemoCommand.run(rest, env);
                case "generate" -> GenerateCommand.run(rest, env);
                case "publish" -> PublishCommand.run(rest, env);
                case "sql" -> SqlCommand.run(rest, env);
                case "receiver" -> ReceiverCommand.run(rest, env);
                case "dashboard" -> DashboardServer.run(rest, env);
                case "bench" -> BenchCommand.run(rest, env);
                case "init-db" -> SqlCommand.initDatabase(env);
                default -> {
                    System.err.println("pulse: unknown command '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            System.err.println("pulse: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("pulse: " + args[0] + " failed: " + Errors.rootMessage(e) + " (details in the log under PULSE_HOME/logs)");
            org.slf4j.LoggerFactory.getLogger(Pulse.class).error("{} failed", args[0], e);
            return 1;
        }
    }
}
