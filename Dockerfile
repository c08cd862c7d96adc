# The one ModelGate image: `modelgate operator ...`, `modelgate webhook ...` and every other CLI
# subcommand. Build the jar first, then the image:
#   ./mvnw -B -DskipTests package -pl cli -am
#   docker build -t modelgate/modelgate:0.1.0 .
FROM eclipse-temurin:21-jre

LABEL org.opencontainers.image.title="ModelGate" \
      org.opencontainers.image.description="A gate for machine-learning models on Kubernetes"

# A fixed non-root UID/GID (the Helm chart runs as 65532 and sets runAsNonRoot).
RUN groupadd --system --gid 65532 modelgate \
 && useradd --system --uid 65532 --gid 65532 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin modelgate

COPY --chown=root:root --chmod=0444 cli/target/modelgate.jar /opt/modelgate/modelgate.jar

# The root filesystem is mounted read-only in the chart; the JVM only needs /tmp (an emptyDir).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/modelgate/modelgate.jar"]
CMD ["--help"]
