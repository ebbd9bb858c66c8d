package dev.gbo.functions.support;

import dev.gbo.model.errors.ConfigurationError;
import java.net.URI;
import java.time.Duration;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds SDK v2 clients from an environment map (not {@code System.getenv()} directly, so the local
 * Lambda service can hand each function its own environment): region from {@code AWS_REGION},
 * endpoint from {@code AWS_ENDPOINT_URL_<SERVICE>} or {@code AWS_ENDPOINT_URL}, credentials from
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN} when present,
 * else the container provider SnapStart functions use; the URLConnection HTTP client.
 */
public final class Clients {
    private final Map<String, String> env;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final boolean simulatedBackoff;
    /** Set only by the local cloud's Lambda service: see {@link #retryStrategy(boolean)}. */
    public static final String SIMULATED_BACKOFF = "GBO_LOCAL_SIMULATED_BACKOFF";

    public Clients(Map<String, String> env) {
        this.env = Map.copyOf(env);
        String regionName = env.get("AWS_REGION");
        if (regionName == null || regionName.isBlank()) {
            regionName = env.get("AWS_DEFAULT_REGION");
        }
        if (regionName == null || regionName.isBlank()) {
            throw new ConfigurationError("AWS_REGION: missing; Lambda sets it, set it yourself when running elsewhere");
        }
        this.region = Region.of(regionName.trim());
        this.credentials = credentialsFrom(env);
        this.simulatedBackoff = "true".equalsIgnoreCase(env.get(SIMULATED_BACKOFF));
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder(), "EC2").httpClient(UrlConnectionHttpClient.create()).build();
    }

    public BatchClient batch() {
        return configure(BatchClient.builder(), "BATCH").httpClient(UrlConnectionHttpClient.create()).build();
    }

    public SfnClient sfn() {
        return configure(SfnClient.builder(), "SFN").httpClient(UrlConnectionHttpClient.create()).build();
    }

    public CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder(), "CLOUDWATCH_LOGS").httpClient(UrlConnectionHttpClient.create()).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder(), "EVENTBRIDGE").httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Attempts per call, the first included (the SDK's standard mode has 3). */
    public static final int MAX_ATTEMPTS = 4;
    /** Base and cap of the exponential backoff with full jitter between attempts; the local cloud models the same. */
    public static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    public static final Duration BACKOFF_CAP = Duration.ofSeconds(5);

    /**
     * The SDK's standard retry strategy with a short, bounded budget: {@link #MAX_ATTEMPTS} attempts with
     * exponential backoff and full jitter ({@link #BACKOFF_BASE} doubling up to {@link #BACKOFF_CAP}), for
     * throttling as for transient errors. A Lambda pays for every millisecond it sleeps, so longer waits
     * belong to the state machine, which retries {@code Throttled} and {@code AwsServiceError} with
     * backoff and full jitter at no cost (statemachine/orchestrator.asl.json).
     */
    public static RetryStrategy retryStrategy() {
        return retryStrategy(false);
    }

    /**
     * As {@link #retryStrategy()}; with {@code simulatedBackoff} (the local cloud's VIRTUAL and MANUAL clocks
     * set {@value #SIMULATED_BACKOFF}) the same attempts are made without sleeping in wall time, because the
     * local endpoint adds each backoff to the invocation's simulated time instead (docs/local-cloud.md).
     */
    public static RetryStrategy retryStrategy(boolean simulatedBackoff) {
        BackoffStrategy backoff = simulatedBackoff ? BackoffStrategy.retryImmediately()
                : BackoffStrategy.exponentialDelay(BACKOFF_BASE, BACKOFF_CAP);
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String serviceKey) {
        builder.region(region).credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(
                        new ThrottleCountingRetryStrategy(retryStrategy(simulatedBackoff), serviceKey)));
        URI endpoint = endpoint(serviceKey);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    URI endpoint(String serviceKey) {
        String name = "AWS_ENDPOINT_URL_" + serviceKey.toUpperCase(Locale.ROOT);
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            name = "AWS_ENDPOINT_URL";
            value = env.get(name);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigurationError(name + ": '" + value + "' is not an absolute URL such as http://localhost:4566");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationError(name + ": '" + value + "' is not a URL: " + e.getReason());
        }
    }

    private static AwsCredentialsProvider credentialsFrom(Map<String, String> env) {
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        String session = env.get("AWS_SESSION_TOKEN");
        if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
            return StaticCredentialsProvider.create(session != null && !session.isBlank()
                    ? AwsSessionCredentials.create(key, secret, session)
                    : AwsBasicCredentials.create(key, secret));
        }
        return ContainerCredentialsProvider.builder().build();
    }
}
