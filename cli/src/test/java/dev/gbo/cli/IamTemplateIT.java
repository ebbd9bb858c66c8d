package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The most common first-deploy failure on AWS, caught locally: a copy of template.yaml with one needed
 * statement removed makes the matching scenario fail with AccessDenied naming the action and the resource,
 * whichever principal lacks it (a function's role on the wire, the state machine's role in process).
 */
class IamTemplateIT {
    private static final Path HOME = Path.of("").toAbsolutePath();

    @TempDir
    Path home;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private RunRecord runWithout(String removed, String scenario, String event) throws Exception {
        return runWith(removed, "", scenario, event, true);
    }

    private RunRecord runWith(String text, String replacement, String scenario, String event) throws Exception {
        return runWith(text, replacement, scenario, event, true);
    }

    /**
     * A home with template.yaml where {@code text} (which must be in it) is replaced by {@code replacement}, the
     * Makefile and the state machine; then the scenario runs there with the event.
     */
    private RunRecord runWith(String text, String replacement, String scenario, String event, boolean iam) throws Exception {
        String template = Files.readString(HOME.resolve("template.yaml"));
        assertThat(template).as("the statement to change").contains(text);
        Files.writeString(home.resolve("template.yaml"), template.replace(text, replacement));
        Files.copy(HOME.resolve("Makefile"), home.resolve("Makefile"));
        Files.createDirectories(home.resolve("statemachine"));
        Files.copy(HOME.resolve("statemachine/orchestrator.asl.json"), home.resolve("statemachine/orchestrator.asl.json"));
        Path reports = Files.createDirectories(home.resolve("reports"));
        LocalRun.Options options = new LocalRun.Options(home, HOME.resolve("scenarios/" + scenario + ".json"),
                HOME.resolve("events/" + event + ".json"), reports, true, iam);
        return new LocalRun(options, new PrintStream(buffer, true, StandardCharsets.UTF_8)).execute();
    }

    @Test
    void run_submitFunctionWithoutSubmitJob_failsWithAccessDeniedNamingActionAndQueue() throws Exception {
        RunRecord run = runWithout("""
                            - Sid: SubmitToProjectQueues
                              Effect: Allow
                              Action: batch:SubmitJob
                              Resource:
                                - !Sub arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-queue/${NamePrefix}-*
                                - !Sub arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-definition/${NamePrefix}-*
                """, "happy-m9g", "console-input");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("AwsRequestRejected");
        assertThat(run.cause()).contains("403 AccessDeniedException")
                .containsPattern("User: arn:aws:sts::123456789012:assumed-role/gbo-SubmitFunctionRole-[A-Z0-9]+/gbo-submit is not"
                        + " authorized to perform: batch:SubmitJob on resource: arn:aws:batch:us-east-1:123456789012:job-queue/gbo-m9g"
                        + "[^ ]* because no identity-based policy allows the batch:SubmitJob action")
                .contains("Grant the missing action to the function's role in template.yaml");
        assertThat(run.attempts()).isEmpty();
    }

    @Test
    void run_ensureQueueWithoutPassRoleOfTheInstanceRole_failsNamingIamPassRoleAndTheRole() throws Exception {
        RunRecord run = runWith("""
                            - Sid: PassInstanceRoleToEc2
                              Effect: Allow
                              Action: iam:PassRole
                """, """
                            - Sid: PassInstanceRoleToEc2
                              Effect: Allow
                              Action: iam:GetRole
                """, "happy-m9g", "console-input");

        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.cause()).contains("AccessDeniedException").contains("gbo-ensure-queue is not authorized to perform:"
                + " iam:PassRole on resource: arn:aws:iam::123456789012:role/ecsInstanceRole because no identity-based policy"
                + " allows the iam:PassRole action");
    }

    @Test
    void run_stateMachineWithoutInvokeOfCapacity_failsWithTheRefusalAsStepFunctionsReportsIt() throws Exception {
        RunRecord run = runWithout("""
                        - LambdaInvokePolicy:
                            FunctionName: !Ref CapacityFunction
                """, "happy-m9g", "console-input");

        // Step Functions names a refused lambda:invoke Lambda.AWSLambdaException, which the state machine retries as an
        // AWS service error (as on AWS) before the execution fails with AwsServiceError and the refusal as the cause.
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.error()).isEqualTo("AwsServiceError");
        assertThat(run.cause()).containsPattern("assumed-role/gbo-OrchestratorStateMachineRole-[A-Z0-9]+/[A-Za-z]{32} is not"
                + " authorized to perform: lambda:InvokeFunction on resource:"
                + " arn:aws:lambda:us-east-1:123456789012:function:gbo-capacity:live because no identity-based policy allows the"
                + " lambda:InvokeFunction action \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException;");
    }

    @Test
    void run_sameRemovalWithIamOff_succeeds() throws Exception {
        RunRecord run = runWith("""
                        - LambdaInvokePolicy:
                            FunctionName: !Ref CapacityFunction
                """, "", "happy-m9g", "console-input", false);

        assertThat(run.status()).as("cause: %s", run.cause()).isEqualTo("SUCCEEDED");
    }
}
