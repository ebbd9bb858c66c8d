package dev.gbo.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    static final Path SCENARIOS = Path.of("..", "scenarios");

    @Test
    void defaults_empty_seedArticleWorld() {
        Scenario s = Scenario.defaults();
        assertThat(s.region()).isEqualTo("us-east-1");
        assertThat(s.zones()).extracting(Scenario.Zone::name).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
        assertThat(s.zones()).extracting(Scenario.Zone::zoneId).containsExactly("use1-az1", "use1-az2", "use1-az3");
        assertThat(s.subnets()).extracting(Scenario.Subnet::subnetId).startsWith("subnet-0123456789abcdef0",
                "subnet-0123456789abcdef1");
        assertThat(s.subnets().get(1).availabilityZone()).isEqualTo("us-east-1b");
        assertThat(s.familiesOfferedIn("us-east-1a")).contains("m9g", "m8g", "m7i");
        assertThat(s.batchAccepts("m9g")).isTrue();
        assertThat(s.capacityOf("m9g").available()).isTrue();
        assertThat(s.eventFaults()).isEqualTo(Scenario.EventFaults.NONE);
        assertThat(s.timing()).isEqualTo(Scenario.Timing.DEFAULT);
    }

    @Test
    void load_everyBundledScenario_parses() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SCENARIOS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("demo.json", "happy-m9g.json",
                "arch-mismatch.json", "capacity-timelimit.json", "duplicate-events.json", "ce-invalid.json",
                "batch-refuses-m9g.json");
        for (Path f : files) {
            Scenario s = ScenarioLoader.load(f);
            assertThat(s.name()).isEqualTo(f.getFileName().toString().replace(".json", ""));
            assertThat(s.description()).isNotBlank();
        }
    }

    @Test
    void load_demo_m9gOnlyOutsideSubnetZonesAndSpotThenSucceed() {
        Scenario s = ScenarioLoader.loadNamed("demo", SCENARIOS);
        assertThat(s.familiesOfferedIn("us-east-1a")).doesNotContain("m9g").contains("m8g");
        assertThat(s.familiesOfferedIn("us-east-1b")).doesNotContain("m9g");
        assertThat(s.familiesOfferedIn("us-east-1c")).contains("m9g");
        Scenario.JobBehaviour b = s.behaviourFor("anything", "img");
        assertThat(b.outcome(1).type()).isEqualTo(Scenario.OutcomeType.SPOT);
        assertThat(b.outcome(2).type()).isEqualTo(Scenario.OutcomeType.SUCCEED);
        assertThat(b.outcome(7).type()).isEqualTo(Scenario.OutcomeType.SUCCEED);
    }

    @Test
    void load_capacityAndRefusal_scenariosSayWhatTheirNamesSay() {
        assertThat(ScenarioLoader.loadNamed("capacity-timelimit", SCENARIOS).capacityOf("m9g").available()).isFalse();
        assertThat(ScenarioLoader.loadNamed("batch-refuses-m9g", SCENARIOS).batchAccepts("m9g")).isFalse();
        assertThat(ScenarioLoader.loadNamed("batch-refuses-m9g", SCENARIOS).familiesOfferedIn("us-east-1a")).contains("m9g");
        Scenario.EventFaults f = ScenarioLoader.loadNamed("duplicate-events", SCENARIOS).eventFaults();
        assertThat(f.duplicate()).isPositive();
        assertThat(f.reorder()).isPositive();
        assertThat(f.appliesTo("Batch Job State Change")).isTrue();
        assertThat(f.appliesTo("Object Created")).isFalse();
    }

    @Test
    void parse_yaml_sameModel() {
        Scenario s = ScenarioLoader.parse("""
                seed: 5
                capacity:
                  m9g: shortage
                jobs:
                  - jobName: "etl-*"
                    attempts: [hostLoss, {type: exit, exitCode: 3}]
                """, "x.yaml");
        assertThat(s.seed()).isEqualTo(5L);
        assertThat(s.capacityOf("m9g").available()).isFalse();
        assertThat(s.behaviourFor("etl-1", null).outcome(2).exitCode()).isEqualTo(3);
        assertThat(s.behaviourFor("other", null)).isNull();
    }

    @Test
    void parse_behaviourByImage_matchesImageGlob() {
        Scenario s = ScenarioLoader.parse("{\"jobs\":[{\"image\":\"*:amd64\",\"attempts\":[\"noMatchingManifest\"]}]}", "t.json");
        assertThat(s.behaviourFor("j", "repo/app:amd64")).isNotNull();
        assertThat(s.behaviourFor("j", "repo/app:arm64")).isNull();
        assertThat(s.behaviourFor("j", null)).isNull();
    }

    @Test
    void parse_apiFaults_defaultsPerService() {
        Scenario s = ScenarioLoader.parse("{\"apiFaults\":[{\"service\":\"batch\",\"operation\":\"SubmitJob\"},"
                + "{\"service\":\"ec2\",\"error\":\"server\",\"probability\":0.5}]}", "t.json");
        assertThat(s.apiFaults().get(0).code()).isEqualTo("TooManyRequestsException");
        assertThat(s.apiFaults().get(0).status()).isEqualTo(429);
        assertThat(s.apiFaults().get(1).code()).isEqualTo("InternalError");
        assertThat(s.apiFaults().get(1).probability()).isEqualTo(0.5);
    }

    @Test
    void parse_unknownMember_errorNamesField() {
        assertThatThrownBy(() -> ScenarioLoader.parse("{\"capcity\":{}}", "bad.json"))
                .isInstanceOf(ScenarioLoader.ScenarioException.class)
                .hasMessageStartingWith("bad.json: capcity: unknown member");
    }

    @Test
    void parse_unknownOutcome_errorNamesPath() {
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "{\"jobs\":[{\"jobName\":\"*\",\"attempts\":[\"succeed\",{\"type\":\"spotty\"}]}]}", "bad.json"))
                .hasMessageStartingWith("bad.json: jobs[0].attempts[1].type: unknown outcome 'spotty'");
    }

    @Test
    void parse_subnetInUnknownZone_errorNamesField() {
        assertThatThrownBy(() -> ScenarioLoader.parse("{\"subnets\":[{\"subnetId\":\"subnet-0123456789abcdef0\","
                + "\"availabilityZone\":\"us-west-2a\"}]}", "bad.json"))
                .hasMessageContaining("subnets[0].availabilityZone");
    }

    @Test
    void parse_badProbabilityAndJson_clearErrors() {
        assertThatThrownBy(() -> ScenarioLoader.parse("{\"eventFaults\":{\"duplicate\":2}}", "bad.json"))
                .hasMessageContaining("eventFaults.duplicate").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> ScenarioLoader.parse("{", "bad.json")).hasMessageStartingWith("bad.json: not valid JSON");
        assertThatThrownBy(() -> ScenarioLoader.parse("{\"offerings\":{\"us-east-1z\":[\"m8g\"]}}", "bad.json"))
                .hasMessageContaining("offerings.us-east-1z");
        assertThatThrownBy(() -> ScenarioLoader.parse("{\"capacity\":{\"m9g\":\"none\"}}", "bad.json"))
                .hasMessageContaining("capacity.m9g");
    }

    @Test
    void loadNamed_missing_errorListsWhatWasTried() {
        assertThatThrownBy(() -> ScenarioLoader.loadNamed("nope", SCENARIOS)).hasMessageContaining("nope.json");
    }

    @Test
    void apiFaultInjector_countAndAfterCalls_firesExactly() {
        Scenario s = ScenarioLoader.parse("{\"apiFaults\":[{\"service\":\"batch\",\"operation\":\"Submit*\","
                + "\"afterCalls\":1,\"count\":2}]}", "t.json");
        ApiFaultInjector inj = new ApiFaultInjector(s.apiFaults(), 1);
        inj.check("batch", "SubmitJob");
        assertThatThrownBy(() -> inj.check("batch", "SubmitJob")).hasMessage("Too Many Requests");
        assertThatThrownBy(() -> inj.check("batch", "SubmitJob"));
        inj.check("batch", "SubmitJob");
        inj.check("batch", "DescribeJobs");
        inj.check("ec2", "SubmitJob");
    }
}
