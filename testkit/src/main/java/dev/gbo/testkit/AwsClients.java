package dev.gbo.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one SDK client factory of the tools (CLI, benchmarks, tests; the Lambda functions have their own,
 * driven by the function's environment): real AWS or an endpoint such as the local cloud.
 *
 * <p>{@link #fromChain} resolves the target as the AWS CLI does ({@code --profile}, {@code --region},
 * {@code --endpoint} and the environment); the constructor takes a known region and endpoint (the local
 * deployment, tests).
 */
public final class AwsClients implements AutoCloseable {
    /** The region requests to an endpoint are signed for when nothing names one (the local cloud's region). */
    public static final String ENDPOINT_DEFAULT_REGION = "us-east-1";
    /** The environment names of the service-specific endpoints, by the service key {@link #configure} uses. */
    static final List<String> SERVICE_KEYS = List.of("STS", "EC2", "BATCH", "ECR", "SFN", "EVENTBRIDGE", "S3", "CLOUDWATCH_LOGS");
    private static final AwsCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("gbo-local", "gbo-local"));

    private final Region region;
    private final URI endpoint;
    private final Map<String, URI> serviceEndpoints;
    private final AwsCredentialsProvider credentials;
    private final String profile;
    private final ProfileFile profileFile;
    private final String notice;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();

    /**
     * A known target: {@code region} (null: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1) and {@code endpoint}
     * (null: real AWS, default credentials chain; else dummy credentials when none are in the environment).
     */
    public AwsClients(String region, String endpoint) {
        String r = region != null ? region : firstNonBlank(System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION"),
                ENDPOINT_DEFAULT_REGION);
        this.region = Region.of(r);
        this.endpoint = endpoint == null ? null : parse("--endpoint", endpoint);
        this.serviceEndpoints = Map.of();
        if (this.endpoint != null && System.getenv("AWS_ACCESS_KEY_ID") == null && System.getenv("AWS_PROFILE") == null) {
            this.credentials = LOCAL_CREDENTIALS;
        } else {
            this.credentials = DefaultCredentialsProvider.builder().build();
        }
        this.profile = null;
        this.profileFile = null;
        this.notice = null;
    }

    private AwsClients(Region region, URI endpoint, Map<String, URI> serviceEndpoints, AwsCredentialsProvider credentials,
                       String profile, ProfileFile profileFile, String notice) {
        this.region = region;
        this.endpoint = endpoint;
        this.serviceEndpoints = Map.copyOf(serviceEndpoints);
        this.credentials = credentials;
        this.profile = profile;
        this.profileFile = profileFile;
        this.notice = notice;
    }

    /**
     * The target as the AWS CLI resolves it, from the command's options (each may be null) and {@code env}:
     * <ul>
     *   <li>profile: {@code profile} (--profile), else AWS_PROFILE, else "default"; the profiles are read from
     *       AWS_CONFIG_FILE (default ~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials);</li>
     *   <li>region: {@code region} (--region), else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's
     *       {@code region} (the SDK's profile region provider); none at all is an error for AWS, and us-east-1 with a
     *       {@link #notice()} for an endpoint;</li>
     *   <li>endpoint: {@code endpoint} (--endpoint), else AWS_ENDPOINT_URL_&lt;SERVICE&gt; per service, else
     *       AWS_ENDPOINT_URL (both ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true);</li>
     *   <li>credentials: a named profile's (the SDK's profile provider); for AWS the SDK's default chain with the
     *       resolved profile; for an endpoint the environment's keys, else the profile's, else dummy ones.</li>
     * </ul>
     *
     * @throws IllegalArgumentException naming the option or variable to fix: a malformed endpoint, a profile that
     *         does not exist, no region for AWS
     */
    public static AwsClients fromChain(String profile, String region, String endpoint, Map<String, String> env) {
        Path configFile = profilePath(env, "AWS_CONFIG_FILE", "config");
        Path credentialsFile = profilePath(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
        ProfileFile profiles = profileFile(configFile, credentialsFile);
        String named = firstNonBlank(profile, env.get("AWS_PROFILE"));
        if (named != null && profiles.profile(named).isEmpty()) {
            throw new IllegalArgumentException((profile != null ? "--profile " : "AWS_PROFILE=") + named + ": no such profile in "
                    + configFile + " or " + credentialsFile + "; create it with: aws configure --profile " + named
                    + (profile != null ? ", or name one that exists" : ", or unset AWS_PROFILE"));
        }
        String profileName = named != null ? named : "default";

        URI general = endpoint != null ? parse("--endpoint", endpoint) : null;
        Map<String, URI> perService = new LinkedHashMap<>();
        if (general == null && !"true".equalsIgnoreCase(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            String all = env.get("AWS_ENDPOINT_URL");
            general = all == null || all.isBlank() ? null : parse("AWS_ENDPOINT_URL", all.trim());
            for (String key : SERVICE_KEYS) {
                String v = env.get("AWS_ENDPOINT_URL_" + key);
                if (v != null && !v.isBlank()) {
                    perService.put(key, parse("AWS_ENDPOINT_URL_" + key, v.trim()));
                }
            }
        }
        boolean toEndpoint = general != null || !perService.isEmpty();

        String regionName = firstNonBlank(region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        String notice = null;
        if (regionName == null) {
            regionName = profileRegion(profiles, profileName);
        }
        if (regionName == null) {
            String fix = "pass --region (e.g. --region us-east-1), set AWS_REGION, or set a region in profile '" + profileName
                    + "' of " + configFile + " (aws configure set region us-east-1" + (named != null ? " --profile " + named : "") + ")";
            if (!toEndpoint) {
                throw new IllegalArgumentException("no AWS region: " + fix);
            }
            regionName = ENDPOINT_DEFAULT_REGION;
            notice = "no region configured; signing for " + ENDPOINT_DEFAULT_REGION + " (the local cloud's region); to choose: " + fix;
        }

        AwsCredentialsProvider credentials;
        if (profile != null) {
            credentials = ProfileCredentialsProvider.builder().profileFile(profiles).profileName(profile).build();
        } else if (toEndpoint) {
            List<AwsCredentialsProvider> chain = new ArrayList<>();
            AwsCredentialsProvider keys = environmentKeys(env);
            if (keys != null) {
                chain.add(keys);
            }
            chain.add(ProfileCredentialsProvider.builder().profileFile(profiles).profileName(profileName).build());
            chain.add(LOCAL_CREDENTIALS);
            credentials = AwsCredentialsProviderChain.builder().credentialsProviders(chain).reuseLastProviderEnabled(false).build();
        } else {
            credentials = DefaultCredentialsProvider.builder().profileFile(() -> profiles).profileName(profileName).build();
        }
        return new AwsClients(Region.of(regionName), general, perService, credentials, named, profiles, notice);
    }

    public String target() {
        if (endpoint == null && serviceEndpoints.isEmpty()) {
            return "AWS " + region + (profile == null ? "" : " (profile " + profile + ")");
        }
        String where = endpoint != null ? endpoint.toString() : serviceEndpoints.toString();
        return where + " (" + region + (profile == null ? "" : ", profile " + profile) + ")";
    }

    public Region region() {
        return region;
    }

    /** The credentials the clients sign with. */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** What the user should know about how the target was resolved (a region assumed for an endpoint), or null. */
    public String notice() {
        return notice;
    }

    /** The endpoint every service of this target uses unless it has its own, or null for AWS. */
    public URI endpoint() {
        return endpoint;
    }

    /** The endpoint {@code serviceKey}'s client uses ({@link #SERVICE_KEYS}), or null for AWS's own. */
    URI endpoint(String serviceKey) {
        URI own = serviceEndpoints.get(serviceKey);
        return own != null ? own : endpoint;
    }

    public StsClient sts() {
        return configure(StsClient.builder(), "STS").build();
    }

    public Ec2Client ec2() {
        return configure(Ec2Client.builder(), "EC2").build();
    }

    public BatchClient batch() {
        return configure(BatchClient.builder(), "BATCH").build();
    }

    public EcrClient ecr() {
        return configure(EcrClient.builder(), "ECR").build();
    }

    public SfnClient sfn() {
        return configure(SfnClient.builder(), "SFN").build();
    }

    public EventBridgeClient events() {
        return configure(EventBridgeClient.builder(), "EVENTBRIDGE").build();
    }

    public CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder(), "CLOUDWATCH_LOGS").build();
    }

    /** Path-style addressing against an endpoint (the local cloud serves buckets as path segments). */
    public S3Client s3() {
        return configure(S3Client.builder(), "S3").forcePathStyle(endpoint("S3") != null).build();
    }

    /**
     * Patient retries: a command (and {@code gbo simulate}'s observer) must outlast throttling and 5xx
     * faults rather than die on the SDK's default three attempts.
     */
    static final int MAX_ATTEMPTS = 10;

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String serviceKey) {
        URI uri = endpoint(serviceKey);
        builder.region(region).credentialsProvider(credentials)
                .overrideConfiguration(o -> {
                    o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy
                            .standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS)
                            .circuitBreakerEnabled(false)
                            .backoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                                    java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2)))
                            .throttlingBackoffStrategy(software.amazon.awssdk.retries.api.BackoffStrategy.exponentialDelay(
                                    java.time.Duration.ofMillis(50), java.time.Duration.ofSeconds(2)))
                            .build());
                    if (profileFile != null) { // the client's other profile settings from the same profile
                        o.defaultProfileFile(profileFile).defaultProfileName(profile != null ? profile : "default");
                    }
                    if (uri != null) { // TestState's "sync-" host prefix would make the endpoint's host unresolvable
                        o.putAdvancedOption(software.amazon.awssdk.core.client.config.SdkAdvancedClientOption
                                .DISABLE_HOST_PREFIX_INJECTION, true);
                    }
                });
        if (uri != null) {
            builder.endpointOverride(uri);
        }
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        return builder;
    }

    private static URI parse(String name, String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a URL such as http://127.0.0.1:4566, got '" + endpoint + "'");
        }
    }

    /** A profile file location: the variable's path ("~/" expanded) or the default under ~/.aws. */
    private static Path profilePath(Map<String, String> env, String variable, String defaultName) {
        String home = firstNonBlank(env.get("HOME"), System.getProperty("user.home"));
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            return Path.of(home, ".aws", defaultName);
        }
        return v.startsWith("~/") ? Path.of(home, v.substring(2)) : Path.of(v);
    }

    private static ProfileFile profileFile(Path config, Path credentials) {
        ProfileFile.Aggregator all = ProfileFile.aggregator();
        if (Files.isRegularFile(config)) {
            all.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        }
        if (Files.isRegularFile(credentials)) { // added last: its keys win, as in the SDK's own default profile file
            all.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
        }
        return all.build();
    }

    /** The profile's region by the SDK's profile region provider, or null when it has none. */
    private static String profileRegion(ProfileFile profiles, String profileName) {
        try {
            Region r = new AwsProfileRegionProvider(() -> profiles, profileName).getRegion();
            return r == null ? null : r.id();
        } catch (SdkClientException e) {
            return null;
        }
    }

    private static AwsCredentialsProvider environmentKeys(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            return null;
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null || token.isBlank() ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token));
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
