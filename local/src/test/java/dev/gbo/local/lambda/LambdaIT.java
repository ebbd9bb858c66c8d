package dev.gbo.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.fixtures.Clients;
import dev.gbo.local.lambda.fixtures.Recorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

class LambdaIT {
    static LocalCloud cloud;
    static LambdaClient lambda;
    static LambdaService service;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        lambda = Clients.of(LambdaClient.builder(), cloud);
        service = (LambdaService) cloud.services().get("lambda");
        service.deploy("echo", "dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest", Map.of("GREETING", "hi"),
                512, 30);
        service.publishAlias("echo", "live");
        service.deploy("fails", "dev.gbo.local.lambda.fixtures.FailingHandler::handleRequest", Map.of(), 256, 30);
        service.deploy("slow", "dev.gbo.local.lambda.fixtures.SlowHandler::handleRequest", Map.of(), 256, 1);
        service.deploy("pojo", "dev.gbo.local.lambda.fixtures.PojoHandler::handleRequest", Map.of(), 256, 30);
        service.deploy("missingclass", "dev.gbo.local.lambda.fixtures.DoesNotExist::handleRequest", Map.of(), 256, 30);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        cloud.close();
    }

    private static JsonNode payload(InvokeResponse r) {
        return Json.parse(r.payload().asUtf8String());
    }

    @Test
    void invoke_requestResponse_returnsHandlerOutputAndContext() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String("{\"a\":1}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isNull();
        assertThat(r.executedVersion()).isEqualTo("$LATEST");
        JsonNode p = payload(r);
        assertThat(p.path("echo").path("a").asInt()).isEqualTo(1);
        assertThat(p.path("function").asText()).isEqualTo("echo");
        assertThat(p.path("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:echo");
        assertThat(p.path("remaining").asLong()).isBetween(1L, 30_000L);
    }

    @Test
    void invoke_coldStart_constructsHandlerWithFunctionAndLambdaEnvironment() {
        lambda.invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String("{}")));
        Map<String, String> env = Recorder.ENVIRONMENTS.get("echo");
        assertThat(env).containsEntry("GREETING", "hi").containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry("AWS_ENDPOINT_URL", cloud.endpoint().toString())
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "echo").containsKeys("AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
        assertThat(service.coldStarts("echo")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void invoke_aliasQualifierAndQualifiedArn_runAliasVersion() {
        InvokeResponse byName = lambda.invoke(b -> b.functionName("echo:live").payload(SdkBytes.fromUtf8String("{}")));
        InvokeResponse byArn = lambda.invoke(b -> b.functionName("arn:aws:lambda:us-east-1:123456789012:function:echo")
                .qualifier("live").payload(SdkBytes.fromUtf8String("{}")));
        InvokeResponse byQualifiedArn = lambda.invoke(b -> b.functionName(
                "arn:aws:lambda:us-east-1:123456789012:function:echo:live").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(byName.executedVersion()).isEqualTo("1");
        assertThat(byArn.executedVersion()).isEqualTo("1");
        assertThat(payload(byQualifiedArn).path("arn").asText()).endsWith(":function:echo:live");
    }

    @Test
    void invoke_unknownQualifier_throwsResourceNotFound() {
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("echo:nope").payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("function:echo:nope");
    }

    @Test
    void invoke_unknownFunction_throwsResourceNotFound404() {
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("ghost").payload(SdkBytes.fromUtf8String("{}"))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("Function not found");
                });
    }

    @Test
    void invoke_handlerThrows_returnsUnhandledWithJavaErrorDocument() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("fails").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode doc = payload(r);
        assertThat(doc.path("errorType").asText())
                .isEqualTo("dev.gbo.local.lambda.fixtures.FailingHandler$FixtureFailure");
        assertThat(doc.path("errorMessage").asText()).isEqualTo("the fixture failed on purpose");
        assertThat(doc.path("stackTrace").get(0).asText()).contains("FailingHandler.handleRequest");
    }

    @Test
    void invoke_missingHandlerClass_returnsUnhandledClassNotFound() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("missingclass").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(payload(r).path("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
    }

    @Test
    void invoke_exceedsTimeout_returnsSandboxTimedout() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("slow").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(payload(r).path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(payload(r).path("errorMessage").asText()).contains("Task timed out after 1.00 seconds");
    }

    @Test
    void invoke_requestHandlerPojo_convertsWithJackson() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("pojo").payload(SdkBytes.fromUtf8String("{\"name\":\"arm\"}")));
        assertThat(payload(r).path("name").asText()).isEqualTo("ARM");
    }

    @Test
    void invoke_logTypeTail_returnsBase64LogWithHandlerLines() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("echo").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}")));
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("START RequestId:", "greeting=hi", "END RequestId:", "REPORT RequestId:");
        assertThat(service.recentLogs("echo")).anyMatch(l -> l.contains("greeting=hi"));
    }

    @Test
    void invoke_eventInvocationType_returns202AndRunsOnClock() {
        int before = Recorder.events("echo").size();
        InvokeResponse r = lambda.invoke(b -> b.functionName("echo").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"async\":true}")));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(cloud.clock().awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(Recorder.events("echo").subList(before, Recorder.events("echo").size()))
                .anyMatch(e -> e.contains("\"async\":true"));
    }

    @Test
    void invoke_dryRun_returns204WithoutRunning() {
        InvokeResponse r = lambda.invoke(b -> b.functionName("echo").invocationType(InvocationType.DRY_RUN));
        assertThat(r.statusCode()).isEqualTo(204);
    }

    @Test
    void invoke_invalidJsonPayload_throwsInvalidRequestContent() {
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("echo").payload(SdkBytes.fromUtf8String("{nope"))))
                .isInstanceOf(software.amazon.awssdk.services.lambda.model.InvalidRequestContentException.class);
    }

    @Test
    void getFunction_existing_returnsConfiguration() {
        GetFunctionResponse r = lambda.getFunction(b -> b.functionName("echo"));
        assertThat(r.configuration().handler()).isEqualTo("dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest");
        assertThat(r.configuration().memorySize()).isEqualTo(512);
        assertThat(r.configuration().timeout()).isEqualTo(30);
        assertThat(r.configuration().environment().variables()).containsEntry("GREETING", "hi");
        assertThat(r.configuration().functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:echo");
        assertThat(r.configuration().architecturesAsStrings()).containsExactly("arm64");
    }

    @Test
    void getFunction_alias_returnsAliasVersion() {
        GetFunctionResponse r = lambda.getFunction(b -> b.functionName("echo").qualifier("live"));
        assertThat(r.configuration().version()).isEqualTo("1");
    }

    @Test
    void getFunction_unknown_throwsResourceNotFound() {
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("ghost")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listFunctions_deployed_listsAllSorted() {
        assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName())
                .contains("echo", "fails", "pojo", "slow").isSorted();
    }

    @Test
    void listFunctions_paginated_followsMarkers() {
        assertThat(lambda.listFunctionsPaginator(b -> b.maxItems(2)).functions().stream().count())
                .isEqualTo(service.functionNames().size());
    }

    @Test
    void deploy_reservedEnvironmentKey_isRejected() {
        assertThatThrownBy(() -> service.deploy("bad", "x.Y::handleRequest", Map.of("AWS_REGION", "eu-west-1"), 128, 3))
                .hasMessageContaining("Reserved keys used in this request: AWS_REGION");
    }

    @Test
    void functionInvoker_inProcess_returnsErrorType() {
        var result = cloud.services().functions().invoke("fails", "{}");
        assertThat(result.failed()).isTrue();
        assertThat(result.errorType()).isEqualTo("dev.gbo.local.lambda.fixtures.FailingHandler$FixtureFailure");
    }

    @Test
    void invocationStats_countInvocationsAndSumTheirReportsBilledDuration() {
        service.deploy("counted", "dev.gbo.local.lambda.fixtures.EchoHandler::handleRequest", Map.of(), 512, 30);
        service.invoke("counted", "{}");
        service.invoke("counted", "{\"a\":1}");
        lambda.invoke(b -> b.functionName("counted").payload(SdkBytes.fromUtf8String("{}")));

        LambdaService.InvocationStats stats = service.invocationStats().get("counted");
        long billedInReports = service.recentLogs("counted").stream().filter(l -> l.startsWith("REPORT "))
                .map(l -> l.replaceAll(".*Billed Duration: (\\d+) ms.*", "$1")).mapToLong(Long::parseLong).sum();
        assertThat(stats.invocations()).isEqualTo(3);
        assertThat(stats.memoryMb()).isEqualTo(512);
        assertThat(stats.billedMillis()).isEqualTo(billedInReports).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unsigned_listFunctionsWithTrailingSlashAndInvoke_routedByTheirBindings() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var list = http.send(java.net.http.HttpRequest.newBuilder(cloud.endpoint().resolve("/2015-03-31/functions/?MaxItems=1"))
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode page = Json.parse(list.body());
        assertThat(page.get("Functions")).hasSize(1);
        assertThat(page.hasNonNull("NextMarker")).isTrue();
        var invoke = http.send(java.net.http.HttpRequest.newBuilder(cloud.endpoint().resolve("/2015-03-31/functions/echo/invocations"))
                .header("X-Amz-Invocation-Type", "DryRun").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(invoke.statusCode()).isEqualTo(204);
    }
}
