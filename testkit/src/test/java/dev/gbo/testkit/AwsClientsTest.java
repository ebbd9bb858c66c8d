package dev.gbo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AwsClients#fromChain}: the target resolved as the AWS CLI does, from options and an environment. */
class AwsClientsTest {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void profiles() throws IOException {
        Files.writeString(dir.resolve("config"), """
                [default]
                region = ap-south-1

                [profile dev]
                region = eu-west-3
                aws_access_key_id = AKIDDEV
                aws_secret_access_key = secret-dev

                [profile noregion]
                aws_access_key_id = AKIDNOREGION
                aws_secret_access_key = secret-noregion
                """);
        env.put("HOME", dir.toString()); // no ~/.aws of the machine's user
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString());
    }

    private AwsClients chain(String profile, String region, String endpoint) {
        return AwsClients.fromChain(profile, region, endpoint, env);
    }

    @Test
    void fromChain_profileOption_regionAndCredentialsFromTheProfile() {
        try (AwsClients aws = chain("dev", null, "http://127.0.0.1:4566")) {
            assertThat(aws.region().id()).isEqualTo("eu-west-3");
            assertThat(aws.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDDEV");
            assertThat(aws.notice()).isNull();
            assertThat(aws.target()).contains("profile dev");
        }
    }

    @Test
    void fromChain_profileOptionForAws_regionFromTheProfile() {
        try (AwsClients aws = chain("dev", null, null)) {
            assertThat(aws.region().id()).isEqualTo("eu-west-3");
            assertThat(aws.target()).isEqualTo("AWS eu-west-3 (profile dev)");
        }
    }

    @Test
    void fromChain_awsProfileVariable_actsAsTheOption() {
        env.put("AWS_PROFILE", "dev");
        try (AwsClients aws = chain(null, null, null)) {
            assertThat(aws.region().id()).isEqualTo("eu-west-3");
        }
    }

    @Test
    void fromChain_nothingButTheDefaultProfile_regionFromDefaultProfile() {
        try (AwsClients aws = chain(null, null, null)) {
            assertThat(aws.region().id()).isEqualTo("ap-south-1");
        }
    }

    @Test
    void fromChain_regionSources_optionThenAwsRegionThenAwsDefaultRegionThenProfile() {
        env.put("AWS_REGION", "us-west-2");
        env.put("AWS_DEFAULT_REGION", "ca-central-1");
        try (AwsClients option = chain("dev", "sa-east-1", null); AwsClients awsRegion = chain("dev", null, null)) {
            assertThat(option.region().id()).isEqualTo("sa-east-1");
            assertThat(awsRegion.region().id()).isEqualTo("us-west-2");
        }
        env.remove("AWS_REGION");
        try (AwsClients defaultRegion = chain("dev", null, null)) {
            assertThat(defaultRegion.region().id()).isEqualTo("ca-central-1");
        }
    }

    @Test
    void fromChain_noRegionAnywhereForAws_errorNamesEachFix() throws IOException {
        Files.writeString(dir.resolve("config"), "[profile noregion]\naws_access_key_id = A\naws_secret_access_key = B\n");

        assertThatThrownBy(() -> chain("noregion", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no AWS region: pass --region")
                .hasMessageContaining("AWS_REGION")
                .hasMessageContaining(dir.resolve("config").toString())
                .hasMessageContaining("aws configure set region us-east-1 --profile noregion");
    }

    @Test
    void fromChain_noRegionForAnEndpoint_signsForUsEast1AndSaysSo() throws IOException {
        try (AwsClients aws = chain("noregion", null, "http://127.0.0.1:4566")) {
            assertThat(aws.region().id()).isEqualTo("us-east-1");
            assertThat(aws.notice()).contains("no region configured").contains("--region");
        }
    }

    @Test
    void fromChain_unknownProfile_errorNamesTheOptionAndTheFiles() {
        assertThatThrownBy(() -> chain("prod", "us-east-1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--profile prod: no such profile in " + dir.resolve("config"))
                .hasMessageContaining("aws configure --profile prod");
        env.put("AWS_PROFILE", "prod");
        assertThatThrownBy(() -> chain(null, "us-east-1", null)).hasMessageStartingWith("AWS_PROFILE=prod: no such profile");
    }

    @Test
    void fromChain_awsEndpointUrl_treatedAsEndpointWithDummyCredentials() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4599");
        env.remove("AWS_CONFIG_FILE");
        try (AwsClients aws = chain(null, null, null)) {
            assertThat(aws.endpoint()).hasToString("http://127.0.0.1:4599");
            assertThat(aws.endpoint("SFN")).hasToString("http://127.0.0.1:4599");
            assertThat(aws.target()).startsWith("http://127.0.0.1:4599 (us-east-1");
            assertThat(aws.credentials().resolveCredentials().accessKeyId()).isEqualTo("gbo-local");
        }
    }

    @Test
    void fromChain_endpointWithKeysInTheEnvironment_signsWithThem() {
        env.put("AWS_ACCESS_KEY_ID", "AKIDENV");
        env.put("AWS_SECRET_ACCESS_KEY", "secret-env");
        try (AwsClients aws = chain(null, null, "http://127.0.0.1:4566")) {
            assertThat(aws.credentials().resolveCredentials().accessKeyId()).isEqualTo("AKIDENV");
        }
    }

    @Test
    void fromChain_serviceSpecificEndpoint_overridesTheGeneralOneForThatServiceOnly() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4599");
        env.put("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:8083");
        try (AwsClients aws = chain(null, null, null)) {
            assertThat(aws.endpoint("SFN")).hasToString("http://127.0.0.1:8083");
            assertThat(aws.endpoint("BATCH")).hasToString("http://127.0.0.1:4599");
        }
    }

    @Test
    void fromChain_endpointOption_beatsTheEnvironment() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4599");
        env.put("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:8083");
        try (AwsClients aws = chain(null, null, "http://127.0.0.1:4566")) {
            assertThat(aws.endpoint("SFN")).hasToString("http://127.0.0.1:4566");
        }
    }

    @Test
    void fromChain_ignoreConfiguredEndpointUrls_meansAws() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4599");
        env.put("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
        try (AwsClients aws = chain(null, null, null)) {
            assertThat(aws.endpoint()).isNull();
            assertThat(aws.target()).isEqualTo("AWS ap-south-1");
        }
    }

    @Test
    void fromChain_malformedEndpoints_errorNamesTheOptionOrVariable() {
        assertThatThrownBy(() -> chain(null, null, "127.0.0.1:4566"))
                .hasMessage("--endpoint must be a URL such as http://127.0.0.1:4566, got '127.0.0.1:4566'");
        env.put("AWS_ENDPOINT_URL", "localhost");
        assertThatThrownBy(() -> chain(null, null, null)).hasMessageStartingWith("AWS_ENDPOINT_URL must be a URL");
    }
}
