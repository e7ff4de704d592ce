# Build entry points. Every target runs Maven with a JDK >= 21, found by scripts in .ci/ (see find-jdk.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := build

JDK := $(shell bash .ci/find-jdk.sh)
ifeq ($(JDK),)
$(error No JDK 21 or newer found. Set JAVA_HOME to one, or install one under /usr/lib/jvm (e.g. apt-get install openjdk-21-jdk-headless))
endif
export JAVA_HOME := $(JDK)
MVN := mvn -B -ntp
# JDK 24+ warns about Maven's own use of sun.misc.Unsafe; silence it where the flag exists.
ifneq ($(shell "$(JDK)/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && echo yes),)
export MAVEN_OPTS += --sun-misc-unsafe-memory-access=allow
endif
SPARK_HOME_DIR := $(CURDIR)/target/spark-home

.PHONY: build test clean jdk

jdk: ## print the JDK the build uses
	@echo "$(JAVA_HOME)"; "$(JAVA_HOME)/bin/java" -version

build: ## compile and package target/spark-operator-*.jar with its libraries in target/lib
	$(MVN) -q -DskipTests package

test: ## unit, component and integration tests
	$(MVN) test

clean:
	$(MVN) -q clean

# --- Spark assembly for the submit integration tests and bench-submit (issue 4) ---
SPARK_HOME_STAMP := $(SPARK_HOME_DIR)/.assembled
.PHONY: spark-home
spark-home: $(SPARK_HOME_STAMP) ## assemble Spark 4.1.1 (core + kubernetes) from Maven Central into target/spark-home

$(SPARK_HOME_STAMP): src/spark-home/pom.xml src/spark-home/bin/spark-submit
	$(MVN) -q -f src/spark-home/pom.xml package -Dspark.home.dir=$(SPARK_HOME_DIR)
	install -D -m 0755 src/spark-home/bin/spark-submit $(SPARK_HOME_DIR)/bin/spark-submit
	touch $@

# The integration tests run the real spark-submit from target/spark-home.
test: spark-home

.PHONY: bench-submit
bench-submit: spark-home ## median CPU/wall per real spark-submit, default vs tuned child JVM; updates BENCHMARKS.md
	$(MVN) -q test -Dtest=SubmitBench -Dgroups=bench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false

# --- Benchmarks of the operator's overhead and of real submission throughput (issue 9) ---
BENCH_TESTS := OperatorBench,SubmitThroughputBench
.PHONY: bench bench-probe
bench: spark-home ## operator overhead (1k/10k apps, fake submitter), start-up, real submission throughput -> BENCHMARKS.md
	$(MVN) -q test -Dtest='$(BENCH_TESTS)' -Dgroups=bench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
		-DargLine="-Dbench.jfr=$${BENCH_JFR:-true} -Dbench.apps=$${BENCH_APPS:-1000,10000}"

bench-probe: ## fabric8's CRUD mock vs the lean API server at 10k SparkApplications -> BENCHMARKS.md
	$(MVN) -q test -Dtest=MockServerProbe -Dgroups=bench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false
