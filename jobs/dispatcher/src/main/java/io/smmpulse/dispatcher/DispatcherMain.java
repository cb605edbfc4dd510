package io.smmpulse.dispatcher;

import io.smmpulse.core.cli.Launcher;

/** {@code java -jar pulse-dispatcher.jar [options]}: the dispatcher as docker-compose runs it, the same as {@code bin/pulse dispatch}. */
public final class DispatcherMain {
    private DispatcherMain() {}

    public static void main(String[] args) {
        // standard output, where docker compose logs finds it (bin/pulse keeps its own log files)
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-dispatcher.properties");
        }
        System.exit(Launcher.run(new DispatchCommand(), "java -jar pulse-dispatcher.jar", args));
    }
}
