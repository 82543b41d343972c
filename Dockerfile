# atd-pipelines: docker build -t atd-pipelines .   (add --build-arg MAVEN_ARGS=-Pflink for Flink)
# Run any pipeline: docker run --rm --env-file finance.env atd-pipelines finance-to-s3 --recordType=units

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY transforms/ transforms/
COPY pipelines/ pipelines/
COPY src/ src/
# Maven reads extra arguments from MAVEN_ARGS, e.g. -Pflink to put the Flink runner in the jar.
ARG MAVEN_ARGS=""
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests package

FROM eclipse-temurin:17-jre
# A non-root user with a writable working directory (the demo and the dry-run plans write there);
# the jar stays root-owned and read-only. No credentials are baked in: they come from --env-file.
RUN useradd --system --uid 10001 --create-home --home-dir /home/atd atd
COPY --from=build /src/pipelines/target/atd-pipelines.jar /app/atd-pipelines.jar
# A class-data archive of the classes the demo loads, made by this image's own JVM (an archive
# from another JVM build is ignored): start-up then maps them instead of loading and verifying
# them, about a third less CPU for a small run (docs/benchmarks.md).
RUN cd /tmp && java -XX:ArchiveClassesAtExit=/app/atd.jsa -jar /app/atd-pipelines.jar demo > /dev/null \
    && rm -rf /tmp/demo-output
USER atd
WORKDIR /home/atd
# pipelines/src/main/docker/entrypoint.sh runs java with the flags for scheduled runs: the heap
# follows the container's memory limit; the serial collector keeps the resident set close to the
# live heap (one worker thread per core does the work, so a parallel collector gains little); the
# class archive above; and C1 only for --help, s3-to-knack, finance-to-s3 and bond-calculations,
# where C2's compiling costs more than it saves.
COPY pipelines/src/main/docker/entrypoint.sh /app/entrypoint.sh
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["--help"]
