#!/bin/sh
# The container's entrypoint: java with the flags docs/operations.md recommends, then the launcher.
# C1 only (-XX:TieredStopAtLevel=1) where a run is seconds of work, so C2's compiling costs more
# than it saves: --help, --version, validate-config, s3-to-knack (about half the CPU),
# finance-to-s3 (a quarter less up to a million rows) and bond-calculations (8.9 against 12.5 s at
# 20,000 rows); the other pipelines keep the default JIT, not measured either way
# (docs/benchmarks.md).
# JAVA_TOOL_OPTIONS adds flags for one run (the ones given here win over it).
jit=""
case "${1:---help}" in
  s3-to-knack | finance-to-s3 | bond-calculations | validate-config | --help | -h | --version | version) jit="-XX:TieredStopAtLevel=1" ;;
esac
for arg in "$@"; do
  case "$arg" in --help | --help=* | -h) jit="-XX:TieredStopAtLevel=1" ;; esac
done
exec java -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:SharedArchiveFile=/app/atd.jsa $jit \
  -jar /app/atd-pipelines.jar "$@"
