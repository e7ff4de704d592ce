# The operator image: the operator jar with its libraries, and a Spark 4.1.1 SPARK_HOME (jars + bin/spark-submit)
# for the spark-submit child processes. Everything comes from Maven Central at build time; nothing is fetched at
# run time. Build: `make image` (or docker build -t spark-operator:latest .).
#
# The build stage runs the same Maven commands as `make build` and `make spark-home` (make itself is not in the
# Maven image).

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# Spark first: its 184 jars change only with src/spark-home/pom.xml, so this layer is cached across code changes.
COPY src/spark-home/pom.xml src/spark-home/pom.xml
RUN mvn -B -ntp -q -f src/spark-home/pom.xml dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory=/opt/spark/jars
# The submission worker (operator/spark-submit-worker.jar), compiled against those jars.
COPY src/spark-home/worker src/spark-home/worker
RUN mvn -B -ntp -q -f src/spark-home/pom.xml package -Dspark.home.dir=/opt/spark \
 && test -s /opt/spark/operator/spark-submit-worker.jar
COPY src/spark-home/bin/spark-submit /opt/spark/bin/spark-submit
COPY pom.xml ./
COPY src src
RUN mvn -B -ntp -q package -DskipTests \
 && mkdir -p /opt/spark-operator \
 && cp target/spark-operator-*.jar /opt/spark-operator/spark-operator.jar \
 && cp -r target/lib /opt/spark-operator/lib

FROM eclipse-temurin:21-jre
# uid/gid 185, like Apache Spark's images. A named user matters: Hadoop's login code in spark-submit fails for a
# uid without a passwd entry, so run the image as this uid (the Deployment sets runAsUser: 185).
ARG SPARK_UID=185
RUN groupadd --system --gid "${SPARK_UID}" spark \
 && useradd --system --uid "${SPARK_UID}" --gid spark --home-dir /tmp --no-create-home --shell /usr/sbin/nologin spark
COPY --from=build /opt/spark /opt/spark
COPY --from=build /opt/spark-operator /opt/spark-operator
COPY docker/entrypoint.sh /opt/spark-operator/entrypoint.sh
RUN chmod 0755 /opt/spark/bin/spark-submit /opt/spark-operator/entrypoint.sh
ENV SPARK_HOME=/opt/spark

# The class-data archive for spark-submit child JVMs (about 50 MB; cuts each submit's CPU about 3x), trained here
# so that it matches this image's JRE and jar paths. The training submit runs with the options the operator's
# submitter uses and is meant to fail at its first API call (nothing listens on 127.0.0.1:1): by then it has
# loaded the classes a real submission loads. TRAIN_CDS=false skips it; the operator then creates the archive
# at its first submission instead.
ARG TRAIN_CDS=true
RUN if [ "${TRAIN_CDS}" = "true" ]; then \
      mkdir -p /opt/spark-operator/cds \
      && { SPARK_SUBMIT_OPTS="-XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=/opt/spark-operator/cds/spark-submit.jsa" \
           KUBECONFIG=/dev/null timeout 300 /opt/spark/bin/spark-submit \
             --master k8s://http://127.0.0.1:1 --deploy-mode cluster --name cds-training \
             --class org.apache.spark.examples.SparkPi \
             --conf spark.kubernetes.container.image=none \
             --conf spark.kubernetes.submission.waitAppCompletion=false \
             local:///opt/spark/examples/jars/spark-examples.jar >/tmp/cds-training.log 2>&1 || true; } \
      && test -s /opt/spark-operator/cds/spark-submit.jsa \
      || { echo "class-data archive training failed:"; tail -n 40 /tmp/cds-training.log; exit 1; }; \
      rm -f /tmp/cds-training.log; \
    fi

USER ${SPARK_UID}:${SPARK_UID}
WORKDIR /tmp
EXPOSE 8080 8081
ENTRYPOINT ["/opt/spark-operator/entrypoint.sh"]
