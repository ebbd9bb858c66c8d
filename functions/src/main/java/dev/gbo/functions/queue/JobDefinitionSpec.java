package dev.gbo.functions.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.support.Hashing;
import dev.gbo.model.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.batch.model.ContainerProperties;
import software.amazon.awssdk.services.batch.model.JobDefinitionType;
import software.amazon.awssdk.services.batch.model.JobTimeout;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.LogConfiguration;
import software.amazon.awssdk.services.batch.model.LogDriver;
import software.amazon.awssdk.services.batch.model.PlatformCapability;
import software.amazon.awssdk.services.batch.model.RegisterJobDefinitionRequest;
import software.amazon.awssdk.services.batch.model.ResourceRequirement;
import software.amazon.awssdk.services.batch.model.ResourceType;

/**
 * A content-addressed job definition: name {@code <prefix>-<request name>}, and {@code gboContentHash}
 * (tag and parameter) = sha256 of the canonical content JSON (image, command, vcpus, memory,
 * environment, retryStrategy, timeout, platformCapabilities EC2, architecture arm64, job role,
 * log group).
 *
 * <p>Architecture: Batch's {@code runtimePlatform.cpuArchitecture} is documented for Fargate jobs only,
 * so an EC2 job definition cannot declare arm64 to Batch. It is arm64 by construction instead: it is
 * tagged {@code gbo:architecture=arm64}, the architecture is part of its content hash, and gbo submits
 * it only to its arm64-only queue (whose compute environments hold Graviton instance types only). Same content gives the same hash, so an ACTIVE revision carrying it is reused; any change
 * gives a new revision.
 *
 * <p>Environment variables named {@code GBO_*} (the S3 trigger's input bucket and key) are facts of
 * one request, not of the definition: they are passed by SubmitJob's containerOverrides only, so that
 * every uploaded object does not register a new revision.
 */
public record JobDefinitionSpec(String name, ObjectNode content, String contentHash) {
    public static final String HASH_KEY = "gboContentHash";
    public static final String DEFAULT_LOG_GROUP = "/aws/batch/job";

    public static JobDefinitionSpec of(String namePrefix, JobRequest request, String jobRoleArn, String logGroup) {
        String name = namePrefix + "-" + request.name();
        if (name.length() > 128) {
            name = name.substring(0, 128);
        }
        ObjectNode content = Json.object();
        content.put("image", request.image());
        content.set("command", Json.MAPPER.valueToTree(request.command()));
        content.put("vcpus", request.vcpus());
        content.put("memoryMiB", request.memoryMiB());
        content.set("environment", Json.MAPPER.valueToTree(definitionEnvironment(request)));
        content.set("retryStrategy", RetryPolicy.json(request.retry().attempts()));
        content.putObject("timeout").put("attemptDurationSeconds", request.timeoutSeconds());
        content.putArray("platformCapabilities").add("EC2");
        content.put("architecture", "arm64");
        if (jobRoleArn != null) {
            content.put("jobRoleArn", jobRoleArn);
        }
        content.put("logGroup", logGroup == null ? DEFAULT_LOG_GROUP : logGroup);
        return new JobDefinitionSpec(name, content, Hashing.sha256Hex(Json.toJson(content)));
    }

    static Map<String, String> definitionEnvironment(JobRequest request) {
        Map<String, String> env = new TreeMap<>();
        request.environment().forEach((k, v) -> {
            if (!k.startsWith("GBO_")) {
                env.put(k, v);
            }
        });
        return env;
    }

    public RegisterJobDefinitionRequest registerRequest() {
        List<KeyValuePair> env = new ArrayList<>();
        content.get("environment").properties().forEach(e ->
                env.add(KeyValuePair.builder().name(e.getKey()).value(e.getValue().asText()).build()));
        List<String> command = new ArrayList<>();
        content.get("command").forEach(c -> command.add(c.asText()));
        ContainerProperties.Builder container = ContainerProperties.builder()
                .image(content.get("image").asText())
                .command(command)
                .resourceRequirements(
                        ResourceRequirement.builder().type(ResourceType.VCPU).value(content.get("vcpus").asText()).build(),
                        ResourceRequirement.builder().type(ResourceType.MEMORY).value(content.get("memoryMiB").asText()).build())
                .environment(env);
        if (content.has("jobRoleArn")) {
            container.jobRoleArn(content.get("jobRoleArn").asText());
        }
        String logGroup = content.get("logGroup").asText();
        if (!DEFAULT_LOG_GROUP.equals(logGroup)) {
            container.logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                    .options(Map.of("awslogs-group", logGroup)).build());
        }
        return RegisterJobDefinitionRequest.builder()
                .jobDefinitionName(name)
                .type(JobDefinitionType.CONTAINER)
                .platformCapabilities(PlatformCapability.EC2)
                .containerProperties(container.build())
                .retryStrategy(RetryPolicy.strategy(content.get("retryStrategy").get("attempts").asInt()))
                .timeout(JobTimeout.builder().attemptDurationSeconds(content.get("timeout").get("attemptDurationSeconds").asInt()).build())
                .parameters(Map.of(HASH_KEY, contentHash))
                .tags(Map.of(HASH_KEY, contentHash, "gbo:architecture", "arm64"))
                .build();
    }
}
