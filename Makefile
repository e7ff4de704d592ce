# Build entry points. Every target runs Maven with a JDK >= 21, found by scripts in .ci/ (see find-jdk.sh).
SHELL := /bin/bash
.DEFAULT_GOAL := build

# Where JDKs are looked for after JAVA_HOME.
JVM_DIR ?= /usr/lib/jvm
JDK := $(shell JVM_DIR="$(JVM_DIR)" bash .ci/find-jdk.sh)
ifeq ($(JDK),)
$(error No JDK 21 or newer: JAVA_HOME is "$(JAVA_HOME)", nothing >= 21 under $(JVM_DIR), and `java` here is \
  $(shell java -version 2>&1 | head -1). Install one and set JAVA_HOME to it (or put it under $(JVM_DIR)): \
  Eclipse Temurin 21 from https://adoptium.net (Debian 12 has no openjdk-21: use the apt repository \
  packages.adoptium.net, package temurin-21-jdk); Debian 13 or Ubuntu 24.04: apt-get install openjdk-21-jdk-headless)
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

# The test log shows warnings only; TEST_LOG=verbose shows every line, the mock API server's requests too.
TEST_LOG ?= quiet
test: ## unit, component and integration tests (TEST_LOG=verbose for the full log)
	$(MVN) test -Dtest.log=$(TEST_LOG)

clean:
	$(MVN) -q clean

# --- Spark assembly for the submit integration tests and bench-submit (issue 4) ---
SPARK_HOME_STAMP := $(SPARK_HOME_DIR)/.assembled
.PHONY: spark-home
spark-home: $(SPARK_HOME_STAMP) ## assemble Spark 4.1.1 (core + kubernetes) and the submission worker into target/spark-home

WORKER_SOURCES := $(shell find src/spark-home/worker -name '*.java') $(shell find src/spark-home/worker-resources -type f)
$(SPARK_HOME_STAMP): src/spark-home/pom.xml src/spark-home/bin/spark-submit $(WORKER_SOURCES)
	$(MVN) -q -f src/spark-home/pom.xml package -Dspark.home.dir=$(SPARK_HOME_DIR)
	install -D -m 0755 src/spark-home/bin/spark-submit $(SPARK_HOME_DIR)/bin/spark-submit
	touch $@

# The integration tests run the real spark-submit from target/spark-home.
test: spark-home

.PHONY: bench-submit
bench-submit: spark-home ## real submissions: cold default / cold tuned / warm side by side, sustained load; updates BENCHMARKS.md
	$(MVN) -q test -Dtest=SubmitBench,SubmissionPathsBench -Dgroups=bench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
		-Dbench.tls=$${BENCH_TLS:-false}

# --- Run, deploy and image (issue 8) ---
KUBECTL ?= kubectl
# The image `make image` builds and `make deploy` runs (name:tag).
IMAGE ?= spark-operator:latest
# What `make deploy` applies: base, or an overlay such as overlays/high-availability.
OVERLAY ?= base
CONTAINER_ENGINE ?= $(shell command -v docker 2>/dev/null || command -v podman 2>/dev/null)
DEPLOY_DIR := target/deploy
# Every object kustomize/ installs except the CRDs carries this label (undeploy keeps the CRDs, and so the apps).
DEPLOY_SELECTOR := app.kubernetes.io/name=spark-operator

.PHONY: help run deploy undeploy manifests image deploy-kustomization

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort -u \
	  | awk 'BEGIN {FS = ":.*## "} {printf "  %-14s %s\n", $$1, $$2}'

# spark-submit runs here too: it gets the current context's API server as --master and its credentials from the
# same kubeconfig. ARGS may override any flag (the last one wins).
run: build spark-home ## run the operator here against the current kubeconfig context (flags: ARGS="--namespaces=default")
	@server=$$($(KUBECTL) config view --minify -o jsonpath='{.clusters[0].cluster.server}' 2>/dev/null); \
	test -n "$$server" || { echo "No current kubeconfig context: kubectl config use-context <name> first"; exit 1; }; \
	echo "spark-operator against $$server (SPARK_HOME=$(SPARK_HOME_DIR))"; \
	jar=$$(ls target/spark-operator-*.jar | head -n 1); \
	SPARK_HOME="$(SPARK_HOME_DIR)" exec "$(JAVA_HOME)/bin/java" -XX:TieredStopAtLevel=1 -jar "$$jar" \
	  --spark-submit-master="k8s://$$server" $(ARGS)

# kustomize/$(OVERLAY) with the image set to $(IMAGE), in target/deploy (kustomize refuses absolute paths).
deploy-kustomization:
	@test -f kustomize/$(OVERLAY)/kustomization.yaml || { echo "No kustomization at kustomize/$(OVERLAY)"; exit 1; }
	@mkdir -p $(DEPLOY_DIR)
	@image='$(IMAGE)'; case "$${image##*/}" in *:*) name="$${image%:*}"; tag="$${image##*:}";; *) name="$$image"; tag=latest;; esac; \
	printf '%s\n' 'apiVersion: kustomize.config.k8s.io/v1beta1' 'kind: Kustomization' 'resources:' \
	  '- ../../kustomize/$(OVERLAY)' 'images:' '- name: spark-operator' "  newName: $$name" "  newTag: \"$$tag\"" \
	  > $(DEPLOY_DIR)/kustomization.yaml

manifests: deploy-kustomization ## print what deploy applies (OVERLAY=base, IMAGE=spark-operator:latest)
	@$(KUBECTL) kustomize $(DEPLOY_DIR)

deploy: deploy-kustomization ## install CRDs and operator into the current context (OVERLAY=overlays/..., IMAGE=...)
	$(KUBECTL) apply -k $(DEPLOY_DIR)

undeploy: deploy-kustomization ## remove the operator, its namespace and RBAC; keeps the CRDs (and apps elsewhere)
	$(KUBECTL) delete -k $(DEPLOY_DIR) -l $(DEPLOY_SELECTOR) --ignore-not-found

image: ## build the container image IMAGE (default spark-operator:latest) with docker or podman
	@test -n "$(CONTAINER_ENGINE)" || { echo "No container engine found (docker or podman). Install one, or build" \
	  "elsewhere: docker build -t $(IMAGE) . (the Dockerfile needs only this directory and Maven Central)"; exit 1; }
	@$(CONTAINER_ENGINE) info >/dev/null 2>&1 || { echo "$(CONTAINER_ENGINE) is installed but its engine does not" \
	  "answer ($(CONTAINER_ENGINE) info failed): start it, or build elsewhere: docker build -t $(IMAGE) ."; exit 1; }
	$(CONTAINER_ENGINE) build -t $(IMAGE) .

# --- Playground (issue 8): the operator and a real spark-submit with no cluster; pods are simulated ---
# Runs java directly (not through Maven), so its exit code is the playground's: 0 only when the app COMPLETED.
PLAYGROUND_CP := target/playground.classpath
JAVA_OPTS_QUIET := $(if $(findstring unsafe-memory-access,$(MAVEN_OPTS)),--sun-misc-unsafe-memory-access=allow)
.PHONY: playground
playground: spark-home ## the operator + a real spark-submit against an in-process API; pods are SIMULATED (FILE=..., SUBMISSION_MODE=cold)
	@test -z "$(FILE)" || test -f "$(FILE)" || { echo "playground: no such file: $(FILE)" \
	  "(FILE= names a SparkApplication or ScheduledSparkApplication manifest, e.g. FILE=examples/spark-pi.yaml)"; exit 2; }
	@mkdir -p target && $(MVN) -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
	  -Dmdep.outputFile=$(PLAYGROUND_CP) > target/playground-build.log 2>&1 || { cat target/playground-build.log; exit 1; }
	@KUBECONFIG=/dev/null SPARK_HOME="$(SPARK_HOME_DIR)" "$(JAVA_HOME)/bin/java" $(JAVA_OPTS_QUIET) \
	  -Dproject.basedir=$(CURDIR) -cp "target/test-classes:target/classes:$$(cat $(PLAYGROUND_CP))" \
	  io.sparkoperator.playground.Playground $(FILE)

# --- Benchmarks of the operator's overhead and of real submission throughput (issue 9) ---
BENCH_TESTS := OperatorBench,SubmitThroughputBench,ReplicasBench
.PHONY: bench bench-probe
bench: spark-home ## operator overhead (1k/10k apps, fake submitter), start-up, real submission throughput -> BENCHMARKS.md
	$(MVN) -q test -Dtest='$(BENCH_TESTS)' -Dgroups=bench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
		-DargLine="-Dbench.jfr=$${BENCH_JFR:-true} -Dbench.apps=$${BENCH_APPS:-1000,10000} -Dbench.tls=$${BENCH_TLS:-false}"

bench-probe: ## fabric8's CRUD mock vs the lean API server at 10k SparkApplications -> BENCHMARKS.md
	$(MVN) -q test -Dtest=MockServerProbe -Dgroups=bench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false
