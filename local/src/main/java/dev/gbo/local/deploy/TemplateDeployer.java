package dev.gbo.local.deploy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.ServiceRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Deploys the project's SAM template ({@code template.yaml}) into the local cloud, as
 * {@code sam deploy} would into AWS: Parameters (defaults + overrides, with their constraints),
 * Conditions, Globals (Function), Mappings, pseudo parameters and the intrinsics
 * ({@link CfnYaml}, {@link Intrinsics}); then, in dependency order, event buses, SQS queues (as
 * in-memory dead-letter queues), S3 buckets, functions (with their AutoPublishAlias), state machines
 * (DefinitionUri + DefinitionSubstitutions through the Step Functions service's CreateStateMachine),
 * rules and their targets. The SAM {@code Events} of functions and state machines are first expanded
 * into the rules, permissions, roles and queues SAM generates, with SAM's logical ids ({@link SamEvents}).
 * Every other resource is reported NOT_SIMULATED with the reason, and so is what is accepted but not
 * simulated (a function's LoggingConfig).
 *
 * <p>Physical names follow CloudFormation: the resource's name property when set, else
 * {@code <stack>-<LogicalId>-<SUFFIX>} (deterministic here, so a redeploy updates in place).
 *
 * <p>This class is the entry point and knows the resource types; one deployment is a
 * {@link StackRun}, and the resources are created by {@link ResourceDeployers}.
 */
public final class TemplateDeployer {

    private final ServiceRegistry registry;
    private final String region;
    private final String accountId;

    public TemplateDeployer(LocalCloud cloud) {
        this(cloud.services(), cloud.region(), cloud.accountId());
    }

    public TemplateDeployer(ServiceRegistry registry, String region, String accountId) {
        this.registry = registry;
        this.region = region;
        this.accountId = accountId;
    }

    /** Deploys {@code template} (a file; DefinitionUri paths are relative to its directory). */
    public DeployReport deploy(Path template, String stackName, Map<String, String> parameters) {
        String text;
        try {
            text = Files.readString(template, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeployException("Cannot read the template " + template + ": " + e.getMessage(), e);
        }
        Path base = template.toAbsolutePath().getParent();
        return deploy(text, base, stackName, parameters);
    }

    public DeployReport deploy(String templateText, Path baseDir, String stackName, Map<String, String> parameters) {
        if (!stackName.matches("[a-zA-Z][-a-zA-Z0-9]{0,127}")) {
            throw new DeployException("Stack name '" + stackName + "' must start with a letter and contain only"
                    + " letters, digits and hyphens (at most 128 characters).");
        }
        return new StackRun(registry, region, accountId, CfnYaml.parse(templateText), baseDir, stackName,
                parameters == null ? Map.of() : parameters).deploy();
    }


    static final Set<String> HANDLED = Set.of("AWS::Events::EventBus", "AWS::SQS::Queue", "AWS::S3::Bucket",
            "AWS::Serverless::Function", "AWS::Lambda::Function", "AWS::Serverless::StateMachine",
            "AWS::StepFunctions::StateMachine", "AWS::Events::Rule", "AWS::IAM::Role");

    static final Map<String, String> NAME_PROPERTY = Map.ofEntries(
            Map.entry("AWS::Serverless::Function", "FunctionName"), Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::Events::EventBus", "Name"), Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::SQS::Queue", "QueueName"), Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::Serverless::StateMachine", "Name"),
            Map.entry("AWS::StepFunctions::StateMachine", "StateMachineName"), Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"), Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::CloudWatch::Alarm", "AlarmName"), Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"));

    static final Map<String, Integer> MAX_NAME = Map.of("AWS::Serverless::Function", 64,
            "AWS::Lambda::Function", 64, "AWS::Events::Rule", 64, "AWS::SQS::Queue", 80, "AWS::IAM::Role", 64,
            "AWS::Serverless::StateMachine", 80, "AWS::StepFunctions::StateMachine", 80, "AWS::S3::Bucket", 63,
            "AWS::SNS::Topic", 256, "AWS::Events::EventBus", 256);

    static String notSimulatedReason(String type) {
        if (type.startsWith("AWS::IAM::")) {
            return "the local IAM applies only a role's own Policies and ManagedPolicyArns (and SAM's Policies);"
                    + " a separately attached " + type + " grants nothing locally (see docs/iam.md)";
        }
        return switch (type) {
            case "AWS::Logs::LogGroup" -> "log groups need no creation locally (the local CloudWatch Logs keeps what is written)";
            case "AWS::CloudWatch::Alarm" -> "CloudWatch alarms and metrics are not simulated";
            case "AWS::SNS::Topic", "AWS::SNS::Subscription" -> "SNS is not simulated";
            case "AWS::Lambda::Permission" -> "resource policies are not enforced by the local cloud";
            case "AWS::SQS::QueuePolicy" -> "queue policies are not enforced by the local cloud";
            default -> "the local cloud has no " + type + " (not needed by the orchestrator)";
        };
    }
}
