package dev.gbo.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.LambdaService;
import dev.gbo.local.lambda.fixtures.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * AWS's documented limits and input rules, through the real SDK clients (and raw HTTP for what an SDK
 * would not send): each refusal has AWS's code and wording and changes nothing.
 */
class AwsLimitsIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/r";
    private static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

    private LocalCloud cloud;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private RawHttp.Response json(String target, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(cloud.endpoint(), RawHttp.head("POST", "/", List.of("X-Amz-Target: " + target,
                "Content-Type: application/x-amz-json-1.0"), b.length), b);
    }

    @Test
    void everyOperation_declaresItsInputShape() {
        List<String> undeclared = cloud.services().all().stream()
                .flatMap(api -> api.operations().stream()
                        .filter(op -> ((dev.gbo.local.core.OperationRegistry) api).inputShape(op.name()) == null)
                        .map(op -> api.signingName() + ":" + op.name()))
                .toList();

        assertThat(undeclared).as("operations without a declared input shape (OperationRegistry.shape)").isEmpty();
    }

    @Test
    void createStateMachine_definitionOf2MiB_validationExceptionWithAwsWordsAndNothingCreated() {
        String definition = PASS.substring(0, PASS.length() - 1) + ",\"Comment\":\"" + "c".repeat(2 << 20) + "\"}";
        try (SfnClient sfn = Clients.of(SfnClient.builder(), cloud)) {
            assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("big").roleArn(ROLE).definition(definition)))
                    .isInstanceOfSatisfying(SfnException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value at "
                                + "'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576");
                    });
            assertThat(sfn.listStateMachines().stateMachines()).isEmpty();
        }
    }

    @Test
    void stateOutput_over256KiB_executionFailsWithStatesDataLimitExceeded() {
        String big = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":\"" + "x".repeat(300_000)
                + "\",\"End\":true}}}";
        try (SfnClient sfn = Clients.of(SfnClient.builder(), cloud)) {
            String arn = sfn.createStateMachine(b -> b.name("data").roleArn(ROLE).definition(big)).stateMachineArn();
            String exec = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sfn.describeExecution(b -> b.executionArn(exec)).status() == ExecutionStatus.RUNNING
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            var d = sfn.describeExecution(b -> b.executionArn(exec));
            assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(d.error()).isEqualTo("States.DataLimitExceeded");
        }
    }

    @Test
    void startExecution_inputOver256KiB_validationException() {
        try (SfnClient sfn = Clients.of(SfnClient.builder(), cloud)) {
            String arn = sfn.createStateMachine(b -> b.name("in").roleArn(ROLE).definition(PASS)).stateMachineArn();
            assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(arn).input("\"" + "x".repeat(262_144) + "\"")))
                    .isInstanceOf(SfnException.class)
                    .hasMessageContaining("Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144");
            assertThat(sfn.listExecutions(b -> b.stateMachineArn(arn)).executions()).isEmpty();
        }
    }

    @Test
    void putEvents_entriesOver256KB_refusedAsAwsSays() {
        try (EventBridgeClient events = Clients.of(EventBridgeClient.builder(), cloud)) {
            String detail = "{\"a\":\"" + "x".repeat(262_144) + "\"}";
            assertThatThrownBy(() -> events.putEvents(b -> b.entries(e -> e.source("s").detailType("t").detail(detail))))
                    .hasMessageContaining("Total size of the entries in the request is over the limit.");
        }
    }

    @Test
    void invoke_payloadOver6MBSyncOr256KBAsync_requestTooLargeException() {
        LambdaService lambda = (LambdaService) cloud.services().get("lambda");
        lambda.deploy("echo", "dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest", Map.of(), 512, 30);
        try (LambdaClient client = Clients.of(LambdaClient.builder(), cloud)) {
            String sync = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
            assertThatThrownBy(() -> client.invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String(sync))))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(413);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestTooLargeException");
                        assertThat(e.getMessage()).contains("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
                    });
            String async = "\"" + "x".repeat(256 * 1024) + "\"";
            assertThatThrownBy(() -> client.invoke(b -> b.functionName("echo").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(async))))
                    .hasMessageContaining("Request must be smaller than 262144 bytes for the InvokeAsync operation");
        }
    }

    @Test
    void createBucket_ipAddressOrReservedPrefix_invalidBucketName() throws Exception {
        // raw HTTP: the Java SDK refuses some of these names itself, before sending; other clients do not
        String s3 = "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";
        for (String name : List.of("192.168.0.1", "xn--abc", "sthree-x", "my-bucket-s3alias", "a..b", "Upper", "ab")) {
            RawHttp.Response r = RawHttp.send(cloud.endpoint(), RawHttp.head("PUT", "/" + name, List.of(s3), 0), new byte[0]);

            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.body()).as(name).contains("<Code>InvalidBucketName</Code>");
        }
        try (S3Client client = Clients.of(S3Client.builder().forcePathStyle(true), cloud)) {
            client.createBucket(b -> b.bucket("192.168.0.1x"));
            assertThat(client.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("192.168.0.1x");
        }
    }

    @Test
    void wrongTypedOptionalMember_serializationExceptionNamingTheMemberAndNothingCreated() throws Exception {
        RawHttp.Response r = json("AWSStepFunctions.CreateStateMachine", "{\"name\":\"typed\",\"roleArn\":\"" + ROLE
                + "\",\"definition\":" + Json.MAPPER.writeValueAsString(PASS) + ",\"tracingConfiguration\":{\"enabled\":\"yes\"}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(Json.parse(r.body()).path("__type").asText()).isEqualTo("SerializationException");
        assertThat(Json.parse(r.body()).path("message").asText()).contains("tracingConfiguration.enabled");
        assertThat(Json.parse(json("AWSStepFunctions.ListStateMachines", "{}").body()).path("stateMachines")).isEmpty();
    }

    @Test
    void numberAbove2To31_refusedAsOutOfRangeNotWrapped() throws Exception {
        RawHttp.Response r = json("AWSEvents.ListRules", "{\"Limit\":99999999999}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(Json.parse(r.body()).path("message").asText()).contains("99999999999").doesNotContain("1215752191");
    }

    @Test
    void ruleName_againstAwsPattern_validationExceptionListingEveryViolation() throws Exception {
        RawHttp.Response r = json("AWSEvents.PutRule", "{\"Name\":\"has space\",\"State\":\"ON\",\"ScheduleExpression\":\"rate(1 hour)\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(Json.parse(r.body()).path("message").asText()).startsWith("2 validation errors detected: ")
                .contains("Value 'has space' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern")
                .contains("Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set");
    }
}
