# The Flink image of docker-compose's JobManager (application mode, docker/jobmanager-start.sh)
# and TaskManager: the job jar, the schema and the settings built in, nothing bind-mounted from
# the host but the communities file and the data volume. Build the jar first:
#   mvn -DskipTests install && docker compose build
FROM flink:2.2.1-java17

# The whole settings file, written by the flink user: the image's entrypoint rewrites it in place
# (for example the JobManager address it is given) and needs it writable.
COPY stack/flink/config.yaml /opt/smm-pulse/flink/stack.yaml
COPY docker/flink.yaml /opt/smm-pulse/flink/compose.yaml
RUN cat /opt/smm-pulse/flink/stack.yaml /opt/smm-pulse/flink/compose.yaml > /opt/flink/conf/config.yaml \
    && chown flink:flink /opt/flink/conf/config.yaml

COPY jobs/pipeline/target/pulse-pipeline.jar /opt/flink/usrlib/pulse-pipeline.jar
COPY sql /opt/smm-pulse/sql
COPY docker/jobmanager-start.sh /opt/smm-pulse/jobmanager-start.sh
RUN chmod 0755 /opt/smm-pulse/jobmanager-start.sh
