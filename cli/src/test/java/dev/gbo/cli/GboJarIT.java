package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.testkit.LocalDeployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as users run it (the ./gbo launcher execs it), in a process of its own with an environment of
 * its own: help, version, usage errors, colour, and submit/preflight against gbo serve's endpoint.
 */
class GboJarIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final Path JAR = HOME.resolve("cli/target/gbo.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static LocalDeployment local;
    private static String endpoint;

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void serve() {
        assertThat(JAR).as("the shaded jar (package runs before the integration tests)").isRegularFile();
        local = new Serve(HOME, 0, HOME.resolve("scenarios/happy-m9g.json"), false, 1.0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
        endpoint = local.cloud().endpoint().toString();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Dgbo.home=" + HOME, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code command} with no AWS_* variables but {@code env}, HOME in a temporary directory, stdout and stderr apart. */
    private Result exec(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(HOME.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("NO_COLOR") || k.equals("GBO_DEBUG"));
        pb.environment().put("HOME", tmp.toString());
        pb.environment().putAll(env);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Result gbo(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return exec(env, command(args));
    }

    /** stdout must be exactly one JSON value, as jq reads it. */
    private static JsonNode onlyJson(String stdout) throws IOException {
        try (JsonParser parser = Json.MAPPER.createParser(stdout)) {
            JsonNode value = Json.MAPPER.readTree(parser);
            assertThat(value).as("a JSON value on stdout: %s", stdout).isNotNull();
            assertThat(parser.nextToken()).as("nothing after the JSON value on stdout: %s", stdout).isNull();
            return value;
        }
    }

    @Test
    void version_printsTheProjectVersion() throws Exception {
        Result r = gbo(Map.of(), "--version");

        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst()).hasValue("gbo " + GboTest.pomVersion());
    }

    @Test
    void help_everyCommand_exitZeroUsageOnStdout() throws Exception {
        for (String command : List.of("demo", "run", "serve", "preflight", "submit", "simulate")) {
            Result r = gbo(Map.of(), command, command.equals("submit") ? "-h" : "--help");

            assertThat(r.code()).as(command + ": " + r.err()).isZero();
            assertThat(r.out()).as(command).contains("Usage: gbo " + command);
            assertThat(r.err()).as(command).isEmpty();
        }
    }

    @Test
    void unknownOption_oneLineOnStderrExitTwo_stackTraceOnlyWithGboDebug() throws Exception {
        Result plain = gbo(Map.of(), "submit", "--event", "events/console-input.json", "--wiat");
        Result debug = gbo(Map.of("GBO_DEBUG", "1"), "submit", "--event", "events/console-input.json", "--wiat");

        assertThat(plain.code()).isEqualTo(2);
        assertThat(plain.out()).isEmpty();
        assertThat(plain.err().lines()).hasSize(1).first().asString().startsWith("gbo: submit: unknown option '--wiat'");
        assertThat(debug.code()).isEqualTo(2);
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    void colour_onlyOnATerminal_neverWithNoColor() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives the command a terminal");
        String help = String.join(" ", command("submit", "--help"));

        Result terminal = exec(Map.of("TERM", "xterm"), List.of("/usr/bin/script", "-qec", help, "/dev/null"));
        Result noColor = exec(Map.of("TERM", "xterm", "NO_COLOR", "1"), List.of("/usr/bin/script", "-qec", help, "/dev/null"));
        Result piped = gbo(Map.of("TERM", "xterm"), "submit", "--help");

        assertThat(terminal.out()).contains("Usage:").contains("\u001b[");
        assertThat(noColor.out()).contains("Usage:").doesNotContain("\u001b");
        assertThat(piped.out()).contains("Usage:").doesNotContain("\u001b");
    }

    @Test
    void submitWait_endpointOption_stdoutIsOnlyTheResultJson() throws Exception {
        Result r = gbo(Map.of(), "submit", "--endpoint", endpoint, "--event", "events/console-input.json", "--wait");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode result = onlyJson(r.out());
        assertThat(result.isObject()).isTrue();
        assertThat(result.toString()).contains("aarch64");
        assertThat(r.err()).contains("started arn:").contains("> Capacity");
        assertThat(r.err().lines().filter(l -> l.startsWith("execution ") && !l.equals("execution started")))
                .as("one final status line").containsExactly("execution SUCCEEDED");
        assertThat(r.out()).doesNotContain("> Capacity").doesNotContain("execution SUCCEEDED").doesNotContain("started arn:");
    }

    @Test
    void submitWait_pipedIntoJq_jqReadsIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jq")), "jq is installed");
        String submit = String.join(" ", command("submit", "--endpoint", endpoint, "--event", "events/console-input.json", "--wait"));

        Result r = exec(Map.of(), List.of("bash", "-o", "pipefail", "-c", submit + " | /usr/bin/jq -c ."));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(1).first().asString().startsWith("{").contains("aarch64");
    }

    @Test
    void submit_awsEndpointUrlWithoutCredentialsOrRegion_likeTheOptionWithDummyCredentials() throws Exception {
        Result r = gbo(Map.of("AWS_ENDPOINT_URL", endpoint), "submit", "--event", "events/console-input.json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode started = onlyJson(r.out());
        assertThat(started.path("executionArn").asText()).startsWith("arn:aws:states:");
        assertThat(started.path("startDate").asText()).isNotEmpty();
        assertThat(r.err()).contains("no region configured; signing for us-east-1").contains("started " + started.path("executionArn").asText());
    }

    @Test
    void preflight_profileFromTheConfigFile_regionAndCredentialsFromIt() throws Exception {
        Path config = Files.writeString(tmp.resolve("aws-config"), """
                [profile local]
                region = us-east-1
                aws_access_key_id = AKIDLOCAL
                aws_secret_access_key = local-secret
                """);

        Result r = gbo(Map.of("AWS_CONFIG_FILE", config.toString()), "preflight", "--profile", "local", "--endpoint", endpoint,
                "--subnets", "subnet-0123456789abcdef0", "--image", local.parameters().get("JobImage"));

        assertThat(r.out()).as(r.err()).startsWith("preflight against " + endpoint + " (us-east-1, profile local)");
        assertThat(r.out()).contains("PASS  identity");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void preflight_noRegionForAws_exitTwoSayingHowToSetOne() throws Exception {
        Result r = gbo(Map.of(), "preflight", "--subnets", "subnet-a");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1).first().asString()
                .startsWith("gbo: preflight: no AWS region: pass --region").contains("AWS_REGION");
    }
}
