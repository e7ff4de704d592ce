#!/bin/sh
# Starts the operator. The image holds a class-data archive for the spark-submit child JVMs, trained at build
# time; the operator's submitter uses <java.io.tmpdir>/spark-operator/cds/spark-submit.jsa (and creates it on
# first use when missing). /tmp is an emptyDir in Kubernetes (the root filesystem is read-only), so it is seeded
# from the image once per pod: the first spark-submit is then as cheap as the rest.
set -eu
BUILT=/opt/spark-operator/cds/spark-submit.jsa
SEEDED=/tmp/spark-operator/cds/spark-submit.jsa
if [ -f "$BUILT" ] && [ ! -e "$SEEDED" ]; then
  { mkdir -p "$(dirname "$SEEDED")" && cp "$BUILT" "$SEEDED"; } \
    || echo "entrypoint: could not copy the spark-submit class-data archive to $SEEDED; it is made on first use" >&2
fi
# JAVA_OPTS sizes the operator's JVM only (JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS would reach every spark-submit
# child JVM too). The heap gets a quarter of the container's memory; the rest is for the spark-submit JVMs.
# C1 only (TieredStopAtLevel=1): the C2 compiler never settled in a running operator (about half its CPU still went
# to compiling after hundreds of apps); without it a 10,000-app burst took 18 % less CPU and 21 % less time
# (BENCHMARKS.md, "The operator's JIT").
# shellcheck disable=SC2086 # JAVA_OPTS is a space-separated option list
exec java ${JAVA_OPTS:--XX:MaxRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1} \
  -jar /opt/spark-operator/spark-operator.jar "$@"
