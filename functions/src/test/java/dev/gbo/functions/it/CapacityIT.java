package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.functions.CapacityHandler;
import dev.gbo.functions.capacity.CapacityFacts;
import dev.gbo.functions.capacity.Ec2CapacityProbe;
import dev.gbo.functions.errors.NoArmCapacity;
import dev.gbo.functions.it.LocalCloudIT.Fixture;
import dev.gbo.testkit.LocalCloudExtension;
import dev.gbo.model.errors.ConfigurationError;
import dev.gbo.model.support.Json;
import dev.gbo.local.core.SimClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Ec2CapacityProbe and CapacityHandler with real EC2 clients against the local cloud's
 * DescribeSubnets / DescribeInstanceTypeOfferings / DescribeInstanceTypes.
 */
class CapacityIT {

    /** scenarios/demo.json: m9g offered only in us-east-1c, where neither subnet is. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class DemoScenario {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("demo");
        Fixture fx;

        @BeforeAll
        void start() {
            fx = new Fixture(CLOUD);
        }


        @Test
        void probe_m9gOnlyInAnotherZone_factsHaveSubnetZonesAndNoM9gOffering() {
            Ec2Client ec2 = fx.client(Ec2Client.builder());
            List<String> subnets = List.of("subnet-0123456789abcdef0", "subnet-0123456789abcdef1");

            CapacityFacts facts = new Ec2CapacityProbe(ec2).probe(List.of("m9g", "m8g", "m7g"), subnets);

            assertThat(facts.subnetZones()).containsExactly(
                    java.util.Map.entry("subnet-0123456789abcdef0", "us-east-1a"),
                    java.util.Map.entry("subnet-0123456789abcdef1", "us-east-1b"));
            assertThat(facts.offerings().keySet()).noneMatch(t -> t.startsWith("m9g."));
            assertThat(facts.offerings().keySet()).anyMatch(t -> t.startsWith("m8g.")).anyMatch(t -> t.startsWith("m7g."));
            assertThat(facts.offerings().values()).allSatisfy(zones ->
                    assertThat(zones).isSubsetOf(Set.of("us-east-1a", "us-east-1b")));
            assertThat(facts.types()).containsKeys(facts.offerings().keySet().toArray(String[]::new));
            assertThat(facts.types().get("m8g.large").architectures()).containsExactly("arm64");
            assertThat(facts.types().get("m8g.large").vcpus()).isEqualTo(2);
        }

        @Test
        void probe_unknownSubnet_throwsConfigurationErrorNamingSubnetIds() {
            Ec2Client ec2 = fx.client(Ec2Client.builder());

            assertThatThrownBy(() -> new Ec2CapacityProbe(ec2).probe(List.of("m8g"), List.of("subnet-00000000deadbeef0")))
                    .isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining("SUBNET_IDS");
        }

        @Test
        void handleRequest_m9gNotOfferedInSubnetZones_fallsBackToM8gAndSaysWhy() {
            JsonNode request = fx.request("capacity-demo");

            JsonNode capacity = Fixture.invoke(new CapacityHandler(fx.env("gbo")), Fixture.state(request));

            assertThat(capacity.get("family").asText()).isEqualTo("m8g");
            assertThat(strings(capacity.get("instanceTypes"))).isNotEmpty().allMatch(t -> t.startsWith("m8g."));
            assertThat(strings(capacity.get("zones"))).containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
            assertThat(strings(capacity.get("subnets")))
                    .containsExactly("subnet-0123456789abcdef0", "subnet-0123456789abcdef1");
            assertThat(capacity.get("skipped")).hasSize(1);
            assertThat(capacity.get("skipped").get(0).get("family").asText()).isEqualTo("m9g");
            assertThat(capacity.get("skipped").get(0).get("reason").asText()).contains("m9g");
            assertThat(capacity.get("refusedFamily").isNull()).isTrue();
        }
    }

    /** scenarios/happy-m9g.json: m9g offered everywhere. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HappyM9gScenario {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("happy-m9g");
        Fixture fx;

        @BeforeAll
        void start() {
            fx = new Fixture(CLOUD);
        }


        @Test
        void handleRequest_m9gOfferedEverywhere_choosesM9gWithNothingSkipped() {
            JsonNode request = fx.request("capacity-happy");

            JsonNode capacity = Fixture.invoke(new CapacityHandler(fx.env("gbo")), Fixture.state(request));

            assertThat(capacity.get("family").asText()).isEqualTo("m9g");
            assertThat(strings(capacity.get("instanceTypes"))).isNotEmpty().allMatch(t -> t.startsWith("m9g."));
            assertThat(capacity.get("skipped")).isEmpty();
            assertThat(capacity.get("excludedFamilies")).isEmpty();
        }

        @Test
        void handleRequest_refusedFamilyM9g_excludesItAndChoosesM8g() {
            JsonNode request = fx.request("capacity-refused");
            ObjectNode previous = Json.object();
            previous.put("family", "m9g").put("refusedFamily", "m9g");
            ObjectNode state = Fixture.state(request, "capacity", previous);
            state.putObject("error").put("Error", "dev.gbo.functions.errors.InstanceTypeRefused")
                    .put("Cause", "{\"errorMessage\":\"AWS Batch refused family m9g\"}");

            JsonNode capacity = Fixture.invoke(new CapacityHandler(fx.env("gbo")), state);

            assertThat(capacity.get("family").asText()).isEqualTo("m8g");
            assertThat(strings(capacity.get("excludedFamilies"))).containsExactly("m9g");
            assertThat(capacity.get("refusedFamily").isNull()).isTrue();
            assertThat(capacity.get("exclusions").findValuesAsText("family")).contains("m9g");
        }
    }

    /** A scenario written for this test: EC2 offers only x86_64 families. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class NothingArmOffered {
        @RegisterExtension
        static final LocalCloudExtension CLOUD = LocalCloudExtension.scenarioJson("""
                {"name": "no-arm",
                 "description": "EC2 offers only x86_64 families in every zone.",
                 "offerings": {"*": ["m7i", "m6i", "c6i"]}}
                """);
        Fixture fx;

        @BeforeAll
        void start() {
            fx = new Fixture(CLOUD);
        }


        @Test
        void handleRequest_noArmFamilyOffered_throwsNoArmCapacityListingEveryFamily() {
            JsonNode request = fx.request("capacity-none");
            CapacityHandler handler = new CapacityHandler(fx.env("gbo"));

            assertThatThrownBy(() -> Fixture.invoke(handler, Fixture.state(request)))
                    .isInstanceOf(NoArmCapacity.class)
                    .satisfies(e -> assertThat(e.getClass().getName()).isEqualTo("dev.gbo.functions.errors.NoArmCapacity"))
                    .hasMessageContaining("m9g").hasMessageContaining("m8g").hasMessageContaining("m7g");
        }
    }

    static List<String> strings(JsonNode array) {
        return array == null ? List.of() : java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
