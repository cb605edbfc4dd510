package io.smmpulse.cli;

import io.smmpulse.core.cli.Launcher;
import io.smmpulse.core.config.Deployment;
import io.smmpulse.dashboard.DashboardServer;
import io.smmpulse.dashboard.Dashboards;

/** {@code bin/pulse dashboard}: the dashboard server until Ctrl-C. */
@picocli.CommandLine.Command(
        name = "dashboard",
        description = "The KPI dashboard in the browser, read through the read-only analyst user.")
final class DashboardCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(
            names = "--port",
            description = "port on loopback (default ${DEFAULT-VALUE})",
            defaultValue = "8088")
    int port;

    @Override
    public Integer call() throws Exception {
        Deployment deployment = Deployment.fromEnv();
        Launcher.positive("--port", port);
        try (DashboardServer server =
                new DashboardServer(DashboardServer.analyst(deployment), Dashboards.load(Dashboards.locate()), port)) {
            System.out.println("dashboard: http://127.0.0.1:" + server.port() + "/ (database "
                    + deployment.clickHouse().database() + ", read-only user "
                    + DashboardServer.analyst(deployment).user() + "; Ctrl-C stops)");
            Thread.currentThread().join();
        }
        return 0;
    }
}
