package dev.gbo.functions.support;

import dev.gbo.model.support.Hashing;
import dev.gbo.model.errors.ConfigurationError;
import dev.gbo.model.arch.Architectures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void from_emptyEnvironment_usesDocumentedDefaults() {
        Config config = Config.from(Map.of());

        assertThat(config.namePrefix()).isEqualTo("gbo");
        assertThat(config.familyLadder()).containsExactly("m9g", "m8g", "m7g");
        assertThat(config.provisioning()).isEqualTo(Config.Provisioning.ON_DEMAND);
        assertThat(config.runnableTimeoutSeconds()).isEqualTo(600);
        assertThat(config.logGroup()).isEqualTo("/aws/batch/job");
        assertThat(config.eventBusName()).isEqualTo("default");
        assertThat(config.jobQueueName("m8g")).isEqualTo("gbo-m8g-od");
        assertThat(config.computeEnvironmentName("m8g")).isEqualTo("gbo-m8g-od");
    }

    @Test
    void from_fullEnvironment_parsesEveryVariable() {
        Config config = Config.from(Map.ofEntries(Map.entry("NAME_PREFIX", "team-a"), Map.entry("FAMILY_LADDER", " M8G, m7g ,m8g"),
                Map.entry("SUBNET_IDS", "subnet-1,subnet-2"), Map.entry("SECURITY_GROUP_IDS", "sg-1"),
                Map.entry("INSTANCE_ROLE_ARN", "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"),
                Map.entry("PROVISIONING", "spot"), Map.entry("MAX_VCPUS", "512"), Map.entry("RUNNABLE_TIMEOUT_SECONDS", "900"),
                Map.entry("EVENT_BUS_NAME", "gbo-bus"), Map.entry("LOG_GROUP", "/gbo/jobs")));

        assertThat(config.familyLadder()).containsExactly("m8g", "m7g");
        assertThat(config.subnetIds()).containsExactly("subnet-1", "subnet-2");
        assertThat(config.computeEnvironmentName("m8g")).isEqualTo("team-a-m8g-spot");
        assertThat(config.maxVcpus()).isEqualTo(512);
        assertThat(config.runnableTimeoutSeconds()).isEqualTo(900);
    }

    @Test
    void from_malformedValues_nameTheVariable() {
        assertThatThrownBy(() -> Config.from(Map.of("MAX_VCPUS", "lots"))).isInstanceOf(ConfigurationError.class)
                .hasMessageStartingWith("MAX_VCPUS: 'lots' is not an integer");
        assertThatThrownBy(() -> Config.from(Map.of("RUNNABLE_TIMEOUT_SECONDS", "60"))).hasMessageContaining("RUNNABLE_TIMEOUT_SECONDS: 60 is outside 600..86400");
        assertThatThrownBy(() -> Config.from(Map.of("PROVISIONING", "RESERVED"))).hasMessageContaining("PROVISIONING");
        assertThatThrownBy(() -> Config.from(Map.of("NAME_PREFIX", "bad prefix"))).hasMessageContaining("NAME_PREFIX");
        assertThatThrownBy(() -> Config.from(Map.of("FAMILY_LADDER", "m8g,m7i"))).hasMessageContaining("FAMILY_LADDER: 'm7i' is not a Graviton");
        assertThatThrownBy(() -> Config.from(Map.of("FAMILY_LADDER", "m8g.large"))).hasMessageContaining("FAMILY_LADDER");
    }

    @Test
    void require_missingVariables_namesAllOfThem() {
        assertThatThrownBy(() -> Config.from(Map.of("SUBNET_IDS", "subnet-1")).require("SUBNET_IDS", "SECURITY_GROUP_IDS", "INSTANCE_ROLE_ARN"))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("SECURITY_GROUP_IDS, INSTANCE_ROLE_ARN").hasMessageNotContaining("SUBNET_IDS,");
    }

    @Test
    void isArm64Family_gravitonFamilies_trueOthersFalse() {
        for (String arm : new String[] {"m9g", "m8g", "m7g", "m6g", "m7gd", "c7gn", "t4g", "x2gd", "im4gn", "is4gen", "g5g", "hpc7g", "a1", "r8g"}) {
            assertThat(Architectures.isArm64Family(arm)).as(arm).isTrue();
        }
        for (String x86 : new String[] {"m7i", "m7a", "c5n", "g4dn", "p4d", "m5zn", "optimal", "inf2", "trn1", "m7i-flex"}) {
            assertThat(Architectures.isArm64Family(x86)).as(x86).isFalse();
        }
        assertThat(Architectures.isArm64InstanceType("m9g.48xlarge")).isTrue();
        assertThat(Architectures.familyOf("M8G.Large")).isEqualTo("m8g");
    }

    @Test
    void clients_endpointAndRegion_fromEnvironmentMap() {
        Clients clients = new Clients(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_BATCH", "http://localhost:5000", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));

        assertThat(clients.endpoint("EC2")).hasToString("http://localhost:4566");
        assertThat(clients.endpoint("BATCH")).hasToString("http://localhost:5000");
        clients.batch().close();
    }

    @Test
    void clients_missingRegionOrBadEndpoint_nameTheVariable() {
        assertThatThrownBy(() -> new Clients(Map.of())).isInstanceOf(ConfigurationError.class).hasMessageStartingWith("AWS_REGION");
        Clients clients = new Clients(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "not a url"));
        assertThatThrownBy(() -> clients.endpoint("SFN")).isInstanceOf(ConfigurationError.class).hasMessageContaining("AWS_ENDPOINT_URL");
    }

    @Test
    void tokenFingerprint_neverContainsToken() {
        String token = "AQCEAAAAKgAAAAMAAAAAAAAAAe-secret-token";

        assertThat(Hashing.tokenFingerprint(token)).startsWith("sha256:").hasSize(19).doesNotContain("secret");
    }
}
