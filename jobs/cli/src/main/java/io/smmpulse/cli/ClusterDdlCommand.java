package io.smmpulse.cli;

import io.smmpulse.clickhouse.ClickHouseSchema;
import io.smmpulse.clickhouse.ClusterDdl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/pulse cluster-ddl}: writes sql/cluster/ from sql/ (the build checks they agree). */
@Command(
        name = "cluster-ddl",
        description =
                "Write the schema of sql/ for a ClickHouse cluster (Replicated and Distributed tables, ON CLUSTER) to sql/cluster/.")
final class ClusterDdlCommand implements Callable<Integer> {
    @Option(names = "--output", description = "the folder to write (default: sql/cluster of the checkout)")
    Path output;

    @Override
    public Integer call() throws Exception {
        Path sql = ClickHouseSchema.locateSqlDir();
        Path target = output != null ? output : sql.resolve("cluster");
        Files.createDirectories(target);
        for (Path file : ClickHouseSchema.files(sql)) {
            Files.writeString(target.resolve(file.getFileName()), ClusterDdl.file(Files.readString(file)));
        }
        System.out.println("wrote " + ClickHouseSchema.files(sql).size() + " files to " + target);
        return 0;
    }
}
