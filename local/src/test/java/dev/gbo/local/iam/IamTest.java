package dev.gbo.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.PermissionReport;
import dev.gbo.local.core.Principal;
import dev.gbo.local.core.RequestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The local IAM over the real operations' declared accesses (the services of an unstarted local cloud). */
class IamTest {
    private static final String ACCOUNT = "123456789012";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/gbo-EnsureQueueFunctionRole-ABC";
    private static final Principal ENSURE_QUEUE = new Principal(ROLE, "gbo-ensure-queue");
    private static final RequestContext CTX = new RequestContext("us-east-1", ACCOUNT, "r1");

    private final LocalCloud cloud = LocalCloud.builder().port(0).build();
    private final AwsService batch = cloud.services().get("batch");

    @AfterEach
    void close() {
        cloud.close();
    }

    private static Iam iamWith(boolean enforced, String statements) {
        Iam iam = new Iam(enforced);
        iam.defineRole(ROLE, Map.of("EnsureQueueFunctionRolePolicy0",
                Json.parse("{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}")), List.of());
        return iam;
    }

    private static final String CREATE_CE = """
            {"Sid": "Manage", "Effect": "Allow", "Action": ["batch:CreateComputeEnvironment", "batch:TagResource"],
             "Resource": "arn:aws:batch:us-east-1:123456789012:compute-environment/gbo-*"},
            {"Sid": "SLR", "Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*",
             "Condition": {"StringEquals": {"iam:AWSServiceName": ["batch.amazonaws.com", "spot.amazonaws.com"]}}}""";

    private static JsonNode createCe(String instanceRole) {
        return Json.parse("""
                {"computeEnvironmentName": "gbo-m8g", "type": "MANAGED", "tags": {"gbo:family": "m8g"},
                 "computeResources": {"type": "SPOT", "instanceRole": "%s", "minvCpus": 0, "maxvCpus": 4,
                  "instanceTypes": ["m8g"], "subnets": ["subnet-1"], "securityGroupIds": ["sg-1"]}}""".formatted(instanceRole));
    }

    @Test
    void authorize_instanceRolePassedWithoutPassRole_refusedNamingTheRoleInsideTheProfile() {
        Iam iam = iamWith(true, CREATE_CE);

        assertThatThrownBy(() -> iam.authorize(ENSURE_QUEUE, batch, "CreateComputeEnvironment",
                createCe("arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"), CTX))
                .isInstanceOf(AwsException.class)
                .hasMessage("User: arn:aws:sts::123456789012:assumed-role/gbo-EnsureQueueFunctionRole-ABC/gbo-ensure-queue is not"
                        + " authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/ecsInstanceRole because no"
                        + " identity-based policy allows the iam:PassRole action")
                .satisfies(e -> {
                    assertThat(((AwsException) e).code()).isEqualTo("AccessDeniedException");
                    assertThat(((AwsException) e).status()).isEqualTo(403);
                });
    }

    @Test
    void authorize_passRoleToTheRightServiceOnly_allowedForEc2AndNotForAnother() {
        String passToEc2 = CREATE_CE + """
                , {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/ecsInstanceRole",
                   "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}},
                  {"Effect": "Allow", "Action": "batch:RegisterJobDefinition",
                   "Resource": "arn:aws:batch:us-east-1:123456789012:job-definition/gbo-*"}""";
        Iam iam = iamWith(true, passToEc2);

        iam.authorize(ENSURE_QUEUE, batch, "CreateComputeEnvironment", createCe("ecsInstanceRole"), CTX);
        JsonNode jobRole = Json.parse("""
                {"jobDefinitionName": "gbo-app", "type": "container",
                 "containerProperties": {"image": "i", "jobRoleArn": "arn:aws:iam::123456789012:role/ecsInstanceRole"}}""");
        assertThatThrownBy(() -> iam.authorize(ENSURE_QUEUE, batch, "RegisterJobDefinition", jobRole, CTX))
                .hasMessageContaining("iam:PassRole on resource: arn:aws:iam::123456789012:role/ecsInstanceRole because");
    }

    @Test
    void authorize_serviceLinkedRoleCreation_neededOnlyUntilTheRoleExists() {
        String withoutSlr = """
                {"Effect": "Allow", "Action": ["batch:CreateComputeEnvironment", "batch:TagResource", "iam:PassRole"], "Resource": "*"}""";
        Iam iam = iamWith(true, withoutSlr);
        JsonNode in = createCe("ecsInstanceRole");

        assertThatThrownBy(() -> iam.authorize(ENSURE_QUEUE, batch, "CreateComputeEnvironment", in, CTX))
                .hasMessageContaining("iam:CreateServiceLinkedRole on resource: arn:aws:iam::123456789012:role/aws-service-role/"
                        + "batch.amazonaws.com/AWSServiceRoleForBatch");
        // the account's administrator creates a compute environment: both service-linked roles now exist
        iam.authorize(null, batch, "CreateComputeEnvironment", in, CTX);
        iam.authorize(ENSURE_QUEUE, batch, "CreateComputeEnvironment", in, CTX);
    }

    @Test
    void authorize_explicitDeny_refusedWithTheExplicitDenyWording() {
        Iam iam = iamWith(true, """
                {"Effect": "Allow", "Action": "batch:*", "Resource": "*"},
                {"Effect": "Deny", "Action": "batch:TerminateJob", "Resource": "*"}""");

        assertThatThrownBy(() -> iam.authorize(ENSURE_QUEUE, batch, "TerminateJob",
                Json.parse("{\"jobId\": \"j-1\", \"reason\": \"r\"}"), CTX))
                .hasMessage("User: arn:aws:sts::123456789012:assumed-role/gbo-EnsureQueueFunctionRole-ABC/gbo-ensure-queue is not"
                        + " authorized to perform: batch:TerminateJob on resource: arn:aws:batch:us-east-1:123456789012:job/j-1 with an"
                        + " explicit deny in an identity-based policy");
    }

    @Test
    void authorize_submitJob_needsTheQueueAndTheDefinition() {
        Iam iam = iamWith(true, """
                {"Effect": "Allow", "Action": "batch:SubmitJob", "Resource": "arn:aws:batch:us-east-1:123456789012:job-queue/gbo-*"}""");
        JsonNode submit = Json.parse("{\"jobName\": \"j\", \"jobQueue\": \"gbo-m8g\", \"jobDefinition\": \"gbo-app:3\"}");

        assertThatThrownBy(() -> iam.authorize(ENSURE_QUEUE, batch, "SubmitJob", submit, CTX))
                .hasMessageContaining("batch:SubmitJob on resource: arn:aws:batch:us-east-1:123456789012:job-definition/gbo-app:3");
    }

    @Test
    void authorize_unknownPrincipal_isTheAdministratorAndAllowed() {
        Iam iam = iamWith(true, "{\"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"}");

        iam.authorize(null, batch, "SubmitJob", Json.parse("{\"jobQueue\": \"q\", \"jobDefinition\": \"d\"}"), CTX);
        iam.authorize(new Principal("arn:aws:iam::123456789012:role/not-deployed", "s"), batch, "SubmitJob",
                Json.parse("{\"jobQueue\": \"q\", \"jobDefinition\": \"d\"}"), CTX);
        assertThat(iam.principalOf("AKIAANYDEVELOPERKEY")).isNull();
    }

    @Test
    void authorize_enforcementOff_allowsButReportsWhatWouldHaveBeenRefused() {
        Iam iam = iamWith(false, "{\"Effect\": \"Allow\", \"Action\": \"batch:ListJobs\", \"Resource\": \"*\"}");

        iam.authorize(ENSURE_QUEUE, batch, "DescribeJobs", Json.parse("{\"jobs\": [\"j\"]}"), CTX);

        assertThat(iam.report().refusals()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("batch:DescribeJobs");
            assertThat(r.enforced()).isFalse();
        });
    }

    @Test
    void report_afterCalls_countsUsedGrantsAndListsTheUnusedOnes() {
        Iam iam = iamWith(true, """
                {"Sid": "ReadBatch", "Effect": "Allow", "Action": ["batch:DescribeJobQueues", "batch:DescribeComputeEnvironments"],
                 "Resource": "*"}""");

        iam.authorize(ENSURE_QUEUE, batch, "DescribeJobQueues", Json.object(), CTX);
        iam.authorize(ENSURE_QUEUE, batch, "DescribeJobQueues", Json.object(), CTX);

        PermissionReport report = iam.report();
        assertThat(report.roles()).singleElement().satisfies(r -> {
            assertThat(r.sessions()).containsExactly("gbo-ensure-queue");
            assertThat(r.statements().get(0).actions()).containsExactly(new PermissionReport.Grant("batch:DescribeJobQueues", 2),
                    new PermissionReport.Grant("batch:DescribeComputeEnvironments", 0));
        });
        assertThat(report.unused()).containsExactly(
                "gbo-EnsureQueueFunctionRole-ABC / EnsureQueueFunctionRolePolicy0 / ReadBatch: batch:DescribeComputeEnvironments");
        assertThat(report.merge(report).roles().get(0).statements().get(0).actions().get(0).calls()).isEqualTo(4);
    }

    @Test
    void accessDenied_eachApi_answersWithItsOwnCodeAndStatus() {
        Map<String, String> expected = Map.of("batch", "AccessDeniedException 403", "lambda", "AccessDeniedException 403",
                "states", "AccessDeniedException 400", "events", "AccessDeniedException 400", "logs", "AccessDeniedException 400",
                "ecr", "AccessDeniedException 400", "s3", "AccessDenied 403", "sts", "AccessDenied 403",
                "ec2", "UnauthorizedOperation 403");
        expected.forEach((api, codeAndStatus) -> {
            AwsException e = cloud.services().get(api).accessDenied("m");
            assertThat(e.code() + " " + e.status()).as(api).isEqualTo(codeAndStatus);
        });
    }
}
