package dev.gbo.functions.support;

import dev.gbo.model.arch.Architectures;
import dev.gbo.model.errors.ConfigurationError;
import dev.gbo.model.support.Env;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The orchestrator configuration, parsed once from the function environment (docs/contracts.md,
 * "Environment variables"). Malformed values fail at construction naming the variable; a handler
 * states which variables it needs with {@link #require(String...)}.
 */
public record Config(
        String namePrefix,
        List<String> familyLadder,
        List<String> subnetIds,
        List<String> securityGroupIds,
        String instanceRoleArn,
        Provisioning provisioning,
        int maxVcpus,
        int runnableTimeoutSeconds,
        String jobRoleArn,
        String eventBusName,
        String logGroup,
        String spotFleetRoleArn,
        Map<String, String> environment) {

    public enum Provisioning {
        SPOT("spot"), ON_DEMAND("od");

        private final String suffix;

        Provisioning(String suffix) {
            this.suffix = suffix;
        }

        /** Suffix of compute environment names: {@code spot} or {@code od}. */
        public String suffix() {
            return suffix;
        }
    }

    public static final List<String> DEFAULT_LADDER = List.of("m9g", "m8g", "m7g");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9-]*");

    public Config {
        familyLadder = List.copyOf(familyLadder);
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
        environment = Map.copyOf(environment);
    }

    public static Config from(Map<String, String> env) {
        String prefix = value(env, "NAME_PREFIX", "gbo");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConfigurationError("NAME_PREFIX: '" + prefix
                    + "' is not 1..40 letters, digits, '-' or '_'; it starts every compute environment, queue and job name");
        }
        List<String> ladder = list(env, "FAMILY_LADDER");
        if (ladder.isEmpty()) {
            ladder = DEFAULT_LADDER;
        }
        List<String> normalizedLadder = new ArrayList<>();
        for (String family : ladder) {
            String f = family.toLowerCase(Locale.ROOT);
            if (!FAMILY.matcher(f).matches() || f.contains(".")) {
                throw new ConfigurationError("FAMILY_LADDER: '" + family
                        + "' is not an instance family name; list families best first, e.g. m9g,m8g,m7g");
            }
            if (!Architectures.isArm64Family(f)) {
                throw new ConfigurationError("FAMILY_LADDER: '" + family
                        + "' is not a Graviton (arm64) family; the arm64 queue must never hold other architectures");
            }
            if (!normalizedLadder.contains(f)) {
                normalizedLadder.add(f);
            }
        }
        String provisioningText = value(env, "PROVISIONING", "ON_DEMAND").toUpperCase(Locale.ROOT);
        Provisioning provisioning;
        try {
            provisioning = Provisioning.valueOf(provisioningText);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("PROVISIONING: '" + provisioningText + "' must be SPOT or ON_DEMAND");
        }
        int maxVcpus = integer(env, "MAX_VCPUS", 256, 1, 100_000);
        int runnableTimeout = integer(env, "RUNNABLE_TIMEOUT_SECONDS", 600, 600, 86_400);
        return new Config(prefix, normalizedLadder, list(env, "SUBNET_IDS"), list(env, "SECURITY_GROUP_IDS"),
                value(env, "INSTANCE_ROLE_ARN", null), provisioning, maxVcpus, runnableTimeout,
                value(env, "JOB_ROLE_ARN", null), value(env, "EVENT_BUS_NAME", "default"),
                value(env, "LOG_GROUP", "/aws/batch/job"), value(env, "SPOT_FLEET_ROLE_ARN", null), env);
    }

    /** Fails naming every listed variable that is missing or empty. */
    public Config require(String... variables) {
        List<String> missing = new ArrayList<>();
        for (String variable : variables) {
            String v = environment.get(variable);
            if (v == null || v.isBlank()) {
                missing.add(variable);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationError("missing environment variable(s) " + String.join(", ", missing)
                    + "; set them on the function in template.yaml (see docs/contracts.md)");
        }
        return this;
    }

    /** The family's own job queue; it has the name of the family's compute environment. */
    public String jobQueueName(String family) {
        return computeEnvironmentName(family);
    }

    public String computeEnvironmentName(String family) {
        return namePrefix + "-" + family + "-" + provisioning.suffix();
    }

    public static String value(Map<String, String> env, String name, String fallback) {
        return Env.value(env, name, fallback);
    }

    public static List<String> list(Map<String, String> env, String name) {
        return Env.list(env, name);
    }

    public static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        return Env.integer(env, name, fallback, min, max);
    }
}
