# The alert dispatcher of docker-compose: its own jar (jobs/dispatcher), logging to standard
# output, metrics on :9102. Build the jar first: mvn -DskipTests install && docker compose build
FROM eclipse-temurin:17-jre
COPY jobs/dispatcher/target/pulse-dispatcher.jar /opt/smm-pulse/pulse-dispatcher.jar
ENTRYPOINT ["java", "-Xmx256m", "-jar", "/opt/smm-pulse/pulse-dispatcher.jar"]
