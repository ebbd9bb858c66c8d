package dev.gbo.local.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.lambda.fixtures.Clients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

class StsIT {

    @Test
    void getCallerIdentity_anyCredentials_returnsLocalAccountIdentity() {
        try (LocalCloud cloud = LocalCloud.builder().port(0).build().start();
                StsClient sts = Clients.of(StsClient.builder(), cloud)) {
            GetCallerIdentityResponse r = sts.getCallerIdentity();
            assertThat(r.account()).isEqualTo("123456789012");
            assertThat(r.arn()).isEqualTo("arn:aws:iam::123456789012:user/gbo-local");
            assertThat(r.userId()).isEqualTo(StsService.USER_ID);
        }
    }

    @Test
    void getCallerIdentity_customAccount_reportsIt() {
        try (LocalCloud cloud = LocalCloud.builder().port(0).accountId("210987654321").build().start();
                StsClient sts = Clients.of(StsClient.builder(), cloud)) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("210987654321");
        }
    }
}
