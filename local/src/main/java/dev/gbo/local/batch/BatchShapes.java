package dev.gbo.local.batch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input of each AWS Batch operation as the API model declares it: member types (Batch's model has
 * almost no length or range constraints; the operations check AWS Batch's own rules and answer them
 * with ClientException). Required members are left to the operations, which name them in Batch's words.
 */
final class BatchShapes {
    private BatchShapes() {
    }

    private static final String TAGS = "map<string>"; // count and lengths: Batch's own words (BatchInput)
    private static final String ENVIRONMENT = "list<{name: string; value: string}>";
    private static final String RESOURCES = "list<{value: string; type: enum(GPU|VCPU|MEMORY)}>";
    private static final String RETRY = "{attempts: int; evaluateOnExit: list<{onStatusReason: string; onReason: string;"
            + " onExitCode: string; action: enum(RETRY|EXIT|retry|exit)}>}";
    private static final String TIMEOUT = "{attemptDurationSeconds: int}";
    private static final String LAUNCH_TEMPLATE = "{launchTemplateId: string; launchTemplateName: string; version: string;"
            + " overrides: list<{launchTemplateId: string; launchTemplateName: string; version: string; targetInstanceTypes: list<string>}>}";
    private static final String EC2_CONFIGURATION = "list<{imageType: string; imageIdOverride: string; imageKubernetesVersion: string}>";
    private static final String COMPUTE_RESOURCES = "{type: enum(EC2|SPOT|FARGATE|FARGATE_SPOT); allocationStrategy: string;"
            + " minvCpus: int; maxvCpus: int; desiredvCpus: int; instanceTypes: list<string>; imageId: string; subnets: list<string>;"
            + " securityGroupIds: list<string>; ec2KeyPair: string; instanceRole: string; tags: map<string>; placementGroup: string;"
            + " bidPercentage: int; spotIamFleetRole: string; launchTemplate: " + LAUNCH_TEMPLATE + "; ec2Configuration: "
            + EC2_CONFIGURATION + "; updateToLatestImageVersion: boolean}";
    private static final String CONTAINER = "{image: string; vcpus: int; memory: int; command: list<string>; jobRoleArn: string;"
            + " executionRoleArn: string; volumes: list<document>; environment: " + ENVIRONMENT + "; mountPoints: list<document>;"
            + " readonlyRootFilesystem: boolean; privileged: boolean; ulimits: list<{hardLimit: int; name: string; softLimit: int}>;"
            + " user: string; instanceType: string; resourceRequirements: " + RESOURCES + "; linuxParameters: document;"
            + " logConfiguration: {logDriver: string; options: map<string>; secretOptions: list<{name: string; valueFrom: string}>};"
            + " secrets: list<{name: string; valueFrom: string}>; networkConfiguration: {assignPublicIp: enum(ENABLED|DISABLED)};"
            + " fargatePlatformConfiguration: {platformVersion: string}; ephemeralStorage: {sizeInGiB: int};"
            + " runtimePlatform: {operatingSystemFamily: string; cpuArchitecture: string}}";
    private static final String ORDER = "list<{order: int; computeEnvironment: string}>";
    private static final String TIME_LIMITS = "list<{reason: string; state: string; maxTimeSeconds: int; action: string}>";
    private static final String PAGE = "maxResults: int; nextToken: string";
    private static final String STATE = "state: enum(ENABLED|DISABLED)";

    /** Operation name to its input shape notation ({@link dev.gbo.local.core.Shape#parse}). */
    static final Map<String, String> INPUTS = new LinkedHashMap<>();

    static {
        INPUTS.put("CreateComputeEnvironment", "computeEnvironmentName: string; type: enum(MANAGED|UNMANAGED); " + STATE
                + "; unmanagedvCpus: int; computeResources: " + COMPUTE_RESOURCES + "; serviceRole: string; tags: " + TAGS
                + "; eksConfiguration: {eksClusterArn: string; kubernetesNamespace: string}; context: string");
        INPUTS.put("DescribeComputeEnvironments", "computeEnvironments: list<string>; " + PAGE);
        INPUTS.put("UpdateComputeEnvironment", "computeEnvironment: string; " + STATE + "; unmanagedvCpus: int; computeResources: "
                + COMPUTE_RESOURCES + "; serviceRole: string; updatePolicy: {terminateJobsOnUpdate: boolean;"
                + " jobExecutionTimeoutMinutes: long[1..360]}; context: string");
        INPUTS.put("DeleteComputeEnvironment", "computeEnvironment: string");
        INPUTS.put("CreateJobQueue", "jobQueueName: string; " + STATE + "; schedulingPolicyArn: string; priority: int;"
                + " computeEnvironmentOrder: " + ORDER + "; tags: " + TAGS + "; jobStateTimeLimitActions: " + TIME_LIMITS
                + "; jobQueueType: string");
        INPUTS.put("DescribeJobQueues", "jobQueues: list<string>; " + PAGE);
        INPUTS.put("UpdateJobQueue", "jobQueue: string; " + STATE + "; schedulingPolicyArn: string; priority: int;"
                + " computeEnvironmentOrder: " + ORDER + "; jobStateTimeLimitActions: " + TIME_LIMITS);
        INPUTS.put("DeleteJobQueue", "jobQueue: string");
        INPUTS.put("RegisterJobDefinition", "jobDefinitionName: string; type: string; parameters: map<string>;"
                + " schedulingPriority: int; containerProperties: " + CONTAINER + "; nodeProperties: document; retryStrategy: "
                + RETRY + "; propagateTags: boolean; timeout: " + TIMEOUT + "; tags: " + TAGS
                + "; platformCapabilities: list<enum(EC2|FARGATE)>; eksProperties: document; ecsProperties: document");
        INPUTS.put("DescribeJobDefinitions", "jobDefinitions: list<string>; " + PAGE + "; jobDefinitionName: string; status: string");
        INPUTS.put("DeregisterJobDefinition", "jobDefinition: string");
        INPUTS.put("SubmitJob", "jobName: string; jobQueue: string; shareIdentifier: string; schedulingPriorityOverride: int;"
                + " arrayProperties: {size: int}; dependsOn: list<{jobId: string; type: enum(N_TO_N|SEQUENTIAL)}>;"
                + " jobDefinition: string; parameters: map<string>; containerOverrides: {vcpus: int; memory: int;"
                + " command: list<string>; instanceType: string; environment: " + ENVIRONMENT + "; resourceRequirements: "
                + RESOURCES + "}; nodeOverrides: document; retryStrategy: " + RETRY + "; propagateTags: boolean; timeout: "
                + TIMEOUT + "; tags: " + TAGS + "; eksPropertiesOverride: document; ecsPropertiesOverride: document");
        INPUTS.put("DescribeJobs", "jobs: list<string>");
        INPUTS.put("ListJobs", "jobQueue: string; arrayJobId: string; multiNodeJobId: string; jobStatus: enum(SUBMITTED|PENDING"
                + "|RUNNABLE|STARTING|RUNNING|SUCCEEDED|FAILED); " + PAGE + "; filters: list<{name: string; values: list<string>}>");
        INPUTS.put("CancelJob", "jobId: string; reason: string");
        INPUTS.put("TerminateJob", "jobId: string; reason: string");
        INPUTS.put("TagResource", "resourceArn: string; tags: " + TAGS);
        INPUTS.put("UntagResource", "resourceArn: string; tagKeys: list[1..50]<string[1..128]>");
        INPUTS.put("ListTagsForResource", "resourceArn: string");
    }
}
