package dev.gbo.local.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.PermissionReport;
import dev.gbo.local.deploy.DeployReport;
import dev.gbo.local.deploy.TemplateDeployer;
import dev.gbo.local.lambda.LambdaService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * IAM on the wire and in process: real SDK v2 clients signed with a deployed function's access key, and a
 * state machine whose role lacks a permission, against a template deployed into the local cloud.
 */
class IamIT {
    private static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Bus:
                Type: AWS::Events::EventBus
                Properties:
                  Name: iam-bus
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: iam-worker
                  Handler: dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest
                  Runtime: java21
                  Policies:
                    - EventBridgePutEventsPolicy:
                        EventBusName: !Ref Bus
                    - Version: "2012-10-17"
                      Statement:
                        - Sid: ReadBatch
                          Effect: Allow
                          Action: batch:Describe*
                          Resource: "*"
                        - Sid: NeverTerminate
                          Effect: Deny
                          Action: batch:TerminateJob
                          Resource: "*"
                        - Sid: SubmitToOwnQueues
                          Effect: Allow
                          Action: batch:SubmitJob
                          Resource: !Sub arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-queue/iam-*
              Machine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Name: iam-machine
                  Definition:
                    StartAt: Call
                    States:
                      Call:
                        Type: Task
                        Resource: arn:aws:states:::lambda:invoke
                        Parameters:
                          FunctionName: !GetAtt Worker.Arn
                          Payload: {}
                        End: true
                  Policies:
                    - EventBridgePutEventsPolicy:
                        EventBusName: !Ref Bus
            """;

    private LocalCloud cloud;
    private DeployReport report;

    private void deploy(boolean iam) {
        cloud = LocalCloud.builder().port(0).iam(iam).build().start();
        report = new TemplateDeployer(cloud).deploy(TEMPLATE, Path.of("."), "iam-stack", Map.of());
    }

    @AfterEach
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }

    /** A client signed as the deployed function iam-worker (its access key), or as anyone else. */
    private <B extends AwsClientBuilder<B, C>, C> C as(B builder, String accessKeyId) {
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        return builder.endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .build();
    }

    private static String worker() {
        return LambdaService.accessKeyId("iam-worker");
    }

    private String workerSession() {
        return "arn:aws:sts::123456789012:assumed-role/" + report.entry("WorkerRole").physicalId() + "/iam-worker";
    }

    private static AwsServiceException refusal(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the call was allowed");
    }

    @Test
    void deploy_samFunction_definesItsGeneratedRoleWithItsPolicies() {
        deploy(true);

        assertThat(report.entry("WorkerRole").status()).isEqualTo(DeployReport.Status.DEPLOYED);
        assertThat(report.entry("WorkerRole").physicalId()).startsWith("iam-stack-WorkerRole-");
        assertThat(report.entry("WorkerRole").detail()).contains("2 inline policies", "1 managed");
        assertThat(report.entry("MachineRole").status()).isEqualTo(DeployReport.Status.DEPLOYED);
    }

    @Test
    void batch_functionKeyWithoutGrantOnTheQueue_accessDeniedWithAwsWording() {
        deploy(true);
        try (BatchClient batch = as(BatchClient.builder(), worker())) {
            AwsServiceException e = refusal(() -> batch.submitJob(r -> r.jobName("j").jobQueue("other-queue")
                    .jobDefinition("iam-def:1")));

            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + workerSession() + " is not authorized to perform:"
                    + " batch:SubmitJob on resource: arn:aws:batch:us-east-1:123456789012:job-queue/other-queue because no"
                    + " identity-based policy allows the batch:SubmitJob action");
        }
    }

    @Test
    void batch_grantedByActionWildcard_allowed() {
        deploy(true);
        try (BatchClient batch = as(BatchClient.builder(), worker())) {
            assertThat(batch.describeJobQueues(r -> { }).jobQueues()).isEmpty();
            assertThat(batch.describeComputeEnvironments(r -> { }).computeEnvironments()).isEmpty();
        }
    }

    @Test
    void batch_explicitDenyOverWildcardAllow_accessDeniedWithExplicitDenyWording() {
        deploy(true);
        try (BatchClient batch = as(BatchClient.builder(), worker())) {
            AwsServiceException e = refusal(() -> batch.terminateJob(r -> r.jobId("job-1").reason("r")));

            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + workerSession() + " is not authorized to perform:"
                    + " batch:TerminateJob on resource: arn:aws:batch:us-east-1:123456789012:job/job-1 with an explicit deny in an"
                    + " identity-based policy");
        }
    }

    @Test
    void events_samPolicyTemplate_allowsItsBusOnly() {
        deploy(true);
        try (EventBridgeClient events = as(EventBridgeClient.builder(), worker())) {
            assertThat(events.putEvents(r -> r.entries(e -> e.eventBusName("iam-bus").source("gbo.test").detailType("t")
                    .detail("{}"))).failedEntryCount()).isZero();

            AwsServiceException e = refusal(() -> events.putEvents(r -> r.entries(x -> x.source("gbo.test").detailType("t")
                    .detail("{}"))));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + workerSession() + " is not authorized to perform:"
                    + " events:PutEvents on resource: arn:aws:events:us-east-1:123456789012:event-bus/default because no"
                    + " identity-based policy allows the events:PutEvents action");
        }
    }

    @Test
    void ec2_describeWithoutGrant_unauthorizedOperationAsEc2Words() {
        deploy(true);
        try (Ec2Client ec2 = as(Ec2Client.builder(), worker())) {
            AwsServiceException e = refusal(() -> ec2.describeSubnets());

            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You are not authorized to perform this operation. User: "
                    + workerSession() + " is not authorized to perform: ec2:DescribeSubnets because no identity-based policy"
                    + " allows the ec2:DescribeSubnets action");
        }
    }

    @Test
    void s3_withoutGrant_accessDenied403() {
        deploy(true);
        try (S3Client s3 = as(S3Client.builder().forcePathStyle(true), worker())) {
            AwsServiceException e = refusal(() -> s3.getObject(r -> r.bucket("b").key("k/v.txt")));

            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains("s3:GetObject on resource: arn:aws:s3:::b/k/v.txt");
        }
    }

    @Test
    void anyOtherCredentials_theAccountsAdministrator_allowed() {
        deploy(true);
        try (Ec2Client ec2 = as(Ec2Client.builder(), "AKIAIOSFODNN7EXAMPLE")) {
            assertThat(ec2.describeSubnets().subnets()).isNotEmpty();
        }
    }

    @Test
    void stateMachine_roleWithoutInvokePermission_taskFailsAsStepFunctionsReportsIt() {
        deploy(true);
        try (SfnClient sfn = as(SfnClient.builder(), "AKIAIOSFODNN7EXAMPLE")) {
            String machine = report.entry("Machine").detail();
            String exec = sfn.startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
            cloud.clock().awaitIdle(Duration.ofSeconds(30));
            DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(exec));

            assertThat(d.statusAsString()).isEqualTo("FAILED");
            assertThat(d.error()).isEqualTo("Lambda.AWSLambdaException");
            assertThat(d.cause()).matches("User: arn:aws:sts::123456789012:assumed-role/iam-stack-MachineRole-[A-Z0-9]+/[A-Za-z]{32}"
                    + " is not authorized to perform: lambda:InvokeFunction on resource:"
                    + " arn:aws:lambda:us-east-1:123456789012:function:iam-worker because no identity-based policy allows the"
                    + " lambda:InvokeFunction action \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException;"
                    + " Request ID: [-0-9a-f]+; Proxy: null\\)");
        }
    }

    @Test
    void noIam_sameCalls_allowedAndReportedAsWouldBeRefused() {
        deploy(false);
        try (Ec2Client ec2 = as(Ec2Client.builder(), worker())) {
            assertThat(ec2.describeSubnets().subnets()).isNotEmpty();
        }

        assertThat(cloud.iamEnforced()).isFalse();
        assertThat(cloud.permissionReport().refusals()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("ec2:DescribeSubnets");
            assertThat(r.principalArn()).isEqualTo(workerSession());
            assertThat(r.enforced()).isFalse();
        });
    }

    @Test
    void permissionReport_afterCalls_showsUsedAndUnusedGrantsOfTheRole() {
        deploy(true);
        try (BatchClient batch = as(BatchClient.builder(), worker())) {
            batch.describeJobQueues(r -> { });
        }

        PermissionReport r = cloud.permissionReport();
        assertThat(r.unused()).anySatisfy(u -> assertThat(u).contains("WorkerRolePolicy0").contains("events:PutEvents"))
                .anySatisfy(u -> assertThat(u).contains("SubmitToOwnQueues: batch:SubmitJob"))
                .noneSatisfy(u -> assertThat(u).contains("ReadBatch"));
        assertThat(r.format()).contains("1x       batch:Describe*");
    }
}
