# `sam build` / `sam sync` entry point (template.yaml: every function has `Metadata: BuildMethod: makefile`
# and `CodeUri: .`, so SAM runs `make build-<LogicalId>` in this directory, or in a copy of it without
# --build-in-source, with ARTIFACTS_DIR set to that function's output directory).
#
# The Maven wrapper runs at most once per `sam build`: the shaded jars depend on the sources of the
# modules they are built from, so the second and later functions find them up to date. Each target then
# puts its function's jar into $(ARTIFACTS_DIR)/lib/, the layout of a Java Lambda .zip package (the Java
# runtime puts the package root and lib/*.jar on the classpath). SAM zips ARTIFACTS_DIR.
#
#   make build-NormalizeFunction ARTIFACTS_DIR=/tmp/out   # what sam build runs, by hand
#   make jars                                             # just the jars (./mvnw -DskipTests package)
#   make MVN_FLAGS="-B -q -o" ...                         # e.g. offline

MVNW      ?= ./mvnw
MVN_FLAGS ?= -B -q
TARGET    := functions/target

# Which shaded jar each function ships (functions/pom.xml builds them); every other function gets
# gbo-functions.jar.
JAR_NormalizeFunction := gbo-normalize.jar
JAR_CapacityFunction  := gbo-capacity.jar
FUNCTIONS := NormalizeFunction CapacityFunction EnsureQueueFunction SubmitFunction JobStateChangeFunction \
             ReconcileFunction CleanupFunction

# What the jars are built from: the parent pom, and the functions module with the modules it depends on.
SOURCES := pom.xml $(shell find model functions -path '*/target' -prune -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -print 2>/dev/null)
STAMP   := $(TARGET)/.sam-build.stamp

.PHONY: jars $(addprefix build-,$(FUNCTIONS))

jars: $(STAMP)

# One Maven run builds every jar; the stamp (inside target/, so `mvn clean` removes it) records it.
$(STAMP): $(SOURCES)
	$(MVNW) $(MVN_FLAGS) -pl functions -am -DskipTests package
	@touch $@

# build-<LogicalId>: the function's jar into $(ARTIFACTS_DIR)/lib/.
$(addprefix build-,$(FUNCTIONS)): build-%: $(STAMP)
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 1; }
	@rm -rf "$(ARTIFACTS_DIR)/lib"
	@mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(TARGET)/$(or $(JAR_$*),gbo-functions.jar)" "$(ARTIFACTS_DIR)/lib/"
