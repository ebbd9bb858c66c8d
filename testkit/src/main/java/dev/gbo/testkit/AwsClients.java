package dev.gbo.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one SDK client factory of the tools (CLI, benchmarks, tests; the Lambda functions have their own,
 * driven by the function's environment): real AWS (default credentials chain) or an endpoint such as the local
 * cloud ({@code --endpoint}; dummy credentials when none are configured).
 */
public final class AwsClients implements AutoCloseable {
    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    public AwsClients(String region, String endpoint) {
        String r = region != null ? region : firstNonBlank(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"), "us-east-1");
        this.region = Region.of(r);
        this.endpoint = endpoint == null ? null : parse(endpoint);
        if (this.endpoint != null && System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null) {
            this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("gbo-local", "gbo-local"));
        } else {
            this.credentials = DefaultCredentialsProvider.builder().build();
        }
    }

    public String target() {
        return endpoint == null ? "AWS " + region : endpoint + " (" + region + ")";
    }

    public Region region() {
        return region;
    }

    public StsClient sts() {
        return configure(StsClient.builder()).build();
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder()).build();
    }

    public BatchClient batch() {
        return configure(BatchClient.builder()).build();
    }

    public EcrClient ecr() {
        return configure(EcrClient.builder()).build();
    }

    public SfnClient sfn() {
        return configure(SfnClient.builder()).build();
    }

    public EventBridgeClient events() {
        return configure(EventBridgeClient.builder()).build();
    }

    /** Path-style addressing against an endpoint (the local cloud serves buckets as path segments). */
    public S3Client s3() {
        return configure(S3Client.builder()).forcePathStyle(endpoint != null).build();
    }

    /**
     * Patient retries: a command (and {@code gbo simulate}'s observer) must outlast throttling and 5xx
     * faults rather than die on the SDK's default three attempts.
     */
    static final int MAX_ATTEMPTS = 10;

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy
                        .standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS)
                        .circuitBreakerEnabled(false)
                        .backoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                                java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2)))
                        .throttlingBackoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                                java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2)))
                        .build()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        return builder;
    }

    private static URI parse(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--endpoint must be a URL such as http://127.0.0.1:4566, got '" + endpoint + "'");
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    @Override
    public void close() {
        http.close();
    }
}
