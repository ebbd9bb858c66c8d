package dev.gbo.cli;

import dev.gbo.testkit.LocalDeployment;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code gbo serve} keeps the deployed orchestrator up for external clients: preflight and submit drive it over HTTP. */
class ServeIT {
    private static final Path HOME = Path.of("").toAbsolutePath();

    private final ByteArrayOutputStream served = new ByteArrayOutputStream();
    private LocalDeployment local;
    private String endpoint;

    @BeforeEach
    void serve() {
        local = new Serve(HOME, 0, HOME.resolve("scenarios/happy-m9g.json"), false, 1.0,
                new PrintStream(served, true, StandardCharsets.UTF_8)).start();
        endpoint = local.cloud().endpoint().toString();
    }

    @AfterEach
    void stop() {
        local.close();
    }

    private int gbo(ByteArrayOutputStream out, String... args) {
        return new Gbo(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), HOME)
                .run(args);
    }

    @Test
    void start_printsEndpointDeployReportAndSampleCommands() {
        String text = served.toString(StandardCharsets.UTF_8);

        assertThat(text).contains(endpoint).contains("OrchestratorStateMachine").contains("aws --endpoint-url " + endpoint);
    }

    @Test
    void submitWait_consoleInput_followsExecutionToSuccess() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = gbo(out, "submit", "--endpoint", endpoint, "--event", "events/console-input.json", "--wait");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("> Capacity").contains("execution SUCCEEDED").contains("aarch64");
    }

    @Test
    void preflight_afterARun_allChecksPass() {
        gbo(new ByteArrayOutputStream(), "submit", "--endpoint", endpoint, "--event", "events/console-input.json", "--wait");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = gbo(out, "preflight", "--endpoint", endpoint, "--subnets", "subnet-0123456789abcdef0,subnet-0123456789abcdef1",
                "--image", local.parameters().get("JobImage"));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("PASS  identity").contains("m9g offerings").contains("image linux/arm64")
                .contains("architecture").contains("AMI").doesNotContain("FAIL");
    }

    @Test
    void preflight_imageWithoutArm64_failsWithTheBuildxFix() {
        ((dev.gbo.local.ecr.EcrService) local.cloud().services().get("ecr")).putImage("amd64-only", "latest", "linux/amd64");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = gbo(out, "preflight", "--endpoint", endpoint, "--subnets", "subnet-0123456789abcdef0",
                "--image", local.cloud().accountId() + ".dkr.ecr.us-east-1.amazonaws.com/amd64-only:latest");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(1);
        assertThat(text).contains("FAIL  image linux/arm64").contains("docker buildx build --platform linux/arm64");
    }
}
