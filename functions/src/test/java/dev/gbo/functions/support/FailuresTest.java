package dev.gbo.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.functions.errors.AwsRequestRejected;
import dev.gbo.functions.errors.AwsServiceError;
import dev.gbo.functions.errors.Throttled;
import dev.gbo.functions.errors.UnexpectedError;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.batch.model.BatchException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** What each kind of failure a handler meets becomes: always a documented class, never a Java class name. */
class FailuresTest {

    private static RuntimeException aws(int status, String code, boolean ec2) {
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(code).errorMessage("m").serviceName(ec2 ? "Ec2" : "Batch").build();
        return ec2 ? Ec2Exception.builder().statusCode(status).awsErrorDetails(details).build()
                : BatchException.builder().statusCode(status).awsErrorDetails(details).build();
    }

    @Test
    void translate_throttlingByStatusOrCode_isThrottled() {
        assertThat(Failures.translate(aws(429, "TooManyRequestsException", false))).isInstanceOf(Throttled.class);
        assertThat(Failures.translate(aws(503, "RequestLimitExceeded", true))).isInstanceOf(Throttled.class);
        assertThat(Failures.translate(aws(400, "ThrottlingException", false))).isInstanceOf(Throttled.class);
    }

    @Test
    void translate_serverErrorOrUnreachable_isAwsServiceError() {
        assertThat(Failures.translate(aws(500, "ServerException", false))).isInstanceOf(AwsServiceError.class);
        assertThat(Failures.translate(SdkClientException.create("connection refused"))).isInstanceOf(AwsServiceError.class);
    }

    @Test
    void translate_accessDenied_isAwsRequestRejectedNamingTheFix() {
        assertThat(Failures.translate(aws(403, "AccessDeniedException", false)))
                .isInstanceOf(AwsRequestRejected.class).hasMessageContaining("template.yaml");
    }

    @Test
    void translate_anythingElse_isUnexpectedErrorNamingTheOriginal() {
        assertThat(Failures.translate(new IllegalStateException("boom")))
                .isInstanceOf(UnexpectedError.class).hasMessageContaining("java.lang.IllegalStateException").hasMessageContaining("boom");
    }
}
