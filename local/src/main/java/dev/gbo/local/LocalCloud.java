package dev.gbo.local;

import dev.gbo.local.batch.BatchService;
import dev.gbo.local.batch.BatchStore;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.InvocationClock;
import dev.gbo.local.core.RateLimits;
import dev.gbo.local.core.ServiceRegistry;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.core.Throttling;
import dev.gbo.local.ec2.Ec2Service;
import dev.gbo.local.ecr.EcrService;
import dev.gbo.local.events.EventBridgeService;
import dev.gbo.local.fleet.Fleet;
import dev.gbo.local.http.AwsEndpoint;
import dev.gbo.local.http.JsonProtocol;
import dev.gbo.local.http.ProtocolHandler;
import dev.gbo.local.http.QueryProtocol;
import dev.gbo.local.http.RestJsonProtocol;
import dev.gbo.local.http.RestXmlProtocol;
import dev.gbo.local.iam.Iam;
import dev.gbo.local.core.PermissionReport;
import dev.gbo.local.lambda.LambdaService;
import dev.gbo.local.logs.LogsService;
import dev.gbo.local.s3.S3Service;
import dev.gbo.local.scenario.ApiFaultInjector;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.local.sfn.StepFunctionsService;
import dev.gbo.local.sts.StsService;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded local cloud: one AWS-compatible endpoint on 127.0.0.1 serving the APIs the
 * orchestrator uses, a simulated Graviton Batch fleet, and a Step Functions engine, all on one
 * {@link SimClock}.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.builder().port(0).build().start()) {
 *     URI endpoint = cloud.endpoint();   // give it to SDK clients or `aws --endpoint-url`
 * }
 * }</pre>
 *
 * Defaults: port 4566, region us-east-1, account 123456789012, VIRTUAL clock starting at
 * 2026-11-27T00:00:00Z, seed 42, IAM enforced for deployed principals (see docs/iam.md).
 */
public final class LocalCloud implements AutoCloseable {

    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String DEFAULT_REGION = "us-east-1";

    private final Builder settings;
    private final SimClock clock;
    private final AwsEndpoint endpoint;
    private final ServiceRegistry services = new ServiceRegistry();
    private final InvocationClock invocations;
    private final Throttling throttling;
    private final Iam iam;
    private final Durability durability;

    private LocalCloud(Builder b) {
        this.settings = b;
        this.durability = Durability.open(b.stateDir);
        Instant start = durability.resumeTime(b.start);
        this.clock = switch (b.clockMode) {
            case VIRTUAL -> SimClock.virtual(start, b.seed);
            case MANUAL -> SimClock.manual(start, b.seed);
            case REAL_TIME -> SimClock.realTime(start, b.seed, b.speed);
        };
        this.invocations = new InvocationClock(clock);
        this.throttling = new Throttling(clock, rateLimits(b.scenario.throttling()), invocations);
        // IAM: the roles a deployment defines are enforced for the calls their principals make, on the
        // wire (a function's access key) and in process (the state machine's role, EventBridge target roles).
        this.iam = new Iam(b.iam);
        services.access(iam);
        // Throttling applies to every operation on the wire; calls services make to each other in
        // process are not throttled (see docs/local-cloud.md, "Throttling").
        this.endpoint = new AwsEndpoint(b.port, b.accountId, b.region,
                new ApiFaultInjector(b.scenario.apiFaults(), b.seed)::check,
                (service, operation, caller) -> {
                    durability.caller(caller.accessKeyId());
                    throttling.check(service, operation, caller.accessKeyId(), caller.attempt(), caller.maxAttempts());
                },
                (service, operation, input, context, caller) -> iam.authorize(iam.principalOf(caller.accessKeyId()),
                        service, operation, input, context));
        endpoint.limits(b.limits);
        // Each API is constructed here and installed with its wire protocol; services reach each other
        // through the registry's hooks (EventSink, FunctionInvoker, ExecutionStarter), set as they are built.
        EventBridgeService events = new EventBridgeService(clock, b.region, b.accountId, services,
                () -> settings.scenario.eventFaults());
        install(events, new JsonProtocol());
        services.events(events);
        LambdaService lambda = new LambdaService(clock, b.region, b.accountId, () -> endpoint.uri().toString());
        lambda.invocationClock(invocations);
        lambda.faults(b.scenario.lambdaFaults(), b.seed);
        install(lambda, new RestJsonProtocol());
        services.functions(lambda);
        install(new EcrService(clock, b.region, b.accountId), new JsonProtocol());
        S3Service s3 = new S3Service(clock, b.region, b.accountId, services);
        install(s3, new RestXmlProtocol(s3));
        install(new StsService(), QueryProtocol.query("https://sts.amazonaws.com/doc/2011-06-15/"));
        // EC2, CloudWatch Logs, Batch and its simulated fleet, over the scenario's world.
        install(new Ec2Service(b.scenario, b.accountId), QueryProtocol.ec2());
        LogsService logs = new LogsService(clock, b.region, b.accountId);
        install(logs, new JsonProtocol());
        BatchStore batchStore = new BatchStore(b.region, b.accountId);
        Fleet fleet = new Fleet(clock, batchStore, b.scenario, services, logs);
        install(new BatchService(clock, b.scenario, batchStore, fleet), new RestJsonProtocol());
        // Step Functions registers itself as the registry's ExecutionStarter.
        StepFunctionsService states = new StepFunctionsService(clock, services, b.region, b.accountId);
        install(states, new JsonProtocol());
        // A durable cloud (--state-dir) takes back what it recorded; its in-flight work waits for resumeInFlight().
        durability.restore(clock, b.seed, s3, logs, events, states, batchStore, fleet, lambda);
    }

    /** The scenario's throttling as token-bucket rates over AWS's defaults. */
    static RateLimits rateLimits(Scenario.Throttling t) {
        Map<String, RateLimits.Rate> overrides = new LinkedHashMap<>();
        t.rates().forEach((k, r) -> overrides.put(k, r.off() ? null : new RateLimits.Rate(r.bucketSize(), r.refillPerSecond())));
        return RateLimits.withOverrides(t.enabled(), overrides);
    }

    /**
     * The operations that arrived on the wire so far, keyed {@code "signingName:Operation"}, with how
     * many of them throttling refused ({@link AwsEndpoint#operationCounts()}).
     */
    public Map<String, AwsEndpoint.OperationCount> apiCalls() {
        return endpoint.operationCounts();
    }

    /** The throttling of the APIs on the wire (token buckets on the clock). */
    public Throttling throttling() {
        return throttling;
    }

    /** Whether IAM refuses what a deployed principal's policies do not allow (the builder's {@link Builder#iam}). */
    public boolean iamEnforced() {
        return iam.enforced();
    }

    /**
     * The least-privilege report so far: per role a deployment defined, each statement's grants with the
     * calls that used them (0 = never used), and the refused calls (with IAM off: the calls that would have been).
     */
    public PermissionReport permissionReport() {
        return iam.report();
    }

    private void install(AwsService service, ProtocolHandler protocol) {
        services.add(service);
        endpoint.register(durability.acknowledged(service), protocol);
    }

    // ------------------------------------------------------------------ the public API for tools and tests

    /** Puts an image (a manifest list of {@code platforms}, e.g. {@code linux/arm64}) into the local ECR; returns its URI. */
    public String putImage(String repository, String tag, String... platforms) {
        return ((dev.gbo.local.ecr.EcrService) services.get("ecr")).putImage(repository, tag, platforms);
    }

    /**
     * An in-memory SQS queue that EventBridge rules can target (SQS itself is not served): returns its
     * ARN. Read what was delivered with {@link #queuedMessages}.
     */
    public String createQueue(String name) {
        return ((dev.gbo.local.events.EventBridgeService) services.get("events")).deadLetters().create(name).arn();
    }

    /** The bodies of the messages delivered to a queue of {@link #createQueue} (by ARN or name), oldest first. */
    public java.util.List<String> queuedMessages(String queueArnOrName) {
        return ((dev.gbo.local.events.EventBridgeService) services.get("events")).deadLetters().messages(queueArnOrName)
                .stream().map(dev.gbo.local.events.DeadLetterQueues.Message::body).toList();
    }

    /**
     * What EventBridge did recently (AWS has no API for it), read-only, for a console: per bus the last
     * {@code perBus} events, newest first, with the rule, target and outcome of each delivery; and the
     * dead-letter queues with their messages. The shape is documented on {@code events.RecentActivity}.
     */
    public com.fasterxml.jackson.databind.node.ObjectNode eventActivity(int perBus) {
        return ((dev.gbo.local.events.EventBridgeService) services.get("events")).recentActivity(perBus);
    }

    /**
     * Serves a non-AWS route on the endpoint's port (a web console): unsigned requests under
     * {@code prefix}, whose first segment starts with {@code _} so that it never hides an S3 bucket;
     * see {@link AwsEndpoint#mount}. {@code home}, when not null, is where a browser's {@code GET /}
     * is redirected (a signed {@code GET /} stays S3 ListBuckets).
     */
    public LocalCloud mount(String prefix, com.sun.net.httpserver.HttpHandler handler, String home) {
        endpoint.mount(prefix, handler);
        if (home != null) {
            endpoint.home(home);
        }
        return this;
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalCloud start() {
        endpoint.start();
        if (!settings.holdInFlight) {
            resumeInFlight();
        }
        return this;
    }

    /**
     * A durable cloud: goes on with the work its earlier run left in flight (executions, Batch jobs,
     * EventBridge deliveries; see docs/local-cloud.md, "Durability"). {@link #start()} does it unless
     * the builder said {@link Builder#holdInFlight}, for a caller that deploys first (the functions
     * the executions call must exist). Idempotent; nothing to do in memory.
     */
    public Durability.Resumed resumeInFlight() {
        return durability.resume();
    }

    /** Whether this cloud records its state ({@code --state-dir}), and where. */
    public Durability durability() {
        return durability;
    }

    public URI endpoint() {
        return endpoint.uri();
    }

    /** The APIs, for in-process use (the template deployer, the CLI, tests that inspect state). */
    public ServiceRegistry services() {
        return services;
    }

    public SimClock clock() {
        return clock;
    }

    public String region() {
        return settings.region;
    }

    public String accountId() {
        return settings.accountId;
    }

    /** The scenario this cloud simulates ({@link Scenario#defaults()} unless the builder set one). */
    public Scenario scenario() {
        return settings.scenario;
    }

    @Override
    public void close() {
        endpoint.close();
        clock.close();
        durability.close();
    }

    public static final class Builder {
        private int port = 4566;
        private String region = DEFAULT_REGION;
        private String accountId = DEFAULT_ACCOUNT;
        private SimClock.Mode clockMode = SimClock.Mode.VIRTUAL;
        private Instant start = Instant.parse("2026-11-27T00:00:00Z");
        private long seed = 42;
        private double speed = 1.0;
        private Scenario scenario = Scenario.defaults();
        private boolean iam = true;
        private dev.gbo.local.http.Limits limits = dev.gbo.local.http.Limits.DEFAULTS;
        private java.nio.file.Path stateDir;
        private boolean holdInFlight;

        private Builder() {
        }

        /** The endpoint's wire limits: body and header sizes, body read timeout ({@code Limits.DEFAULTS}). */
        public Builder limits(dev.gbo.local.http.Limits limits) {
            this.limits = java.util.Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * IAM enforcement (default on): the calls of the principals a deployed template defines (functions,
         * state machines, EventBridge target roles) are checked against their policies and refused with AWS's
         * AccessDenied error. Off ({@code --no-iam}): every call is allowed; the calls are still evaluated and
         * {@link LocalCloud#permissionReport} lists what would have been refused.
         */
        public Builder iam(boolean enforce) {
            this.iam = enforce;
            return this;
        }

        /**
         * Durable: record every acknowledged change in this directory and take it back at the next start
         * (see docs/local-cloud.md, "Durability"). Null (the default): in memory, nothing is written.
         */
        public Builder stateDir(java.nio.file.Path dir) {
            this.stateDir = dir;
            return this;
        }

        /** Do not resume in-flight work at {@link #start()}: the caller calls {@link #resumeInFlight()} (after deploying). */
        public Builder holdInFlight(boolean hold) {
            this.holdInFlight = hold;
            return this;
        }

        /**
         * The world to simulate (zones, subnets, offerings, capacity, faults). Its seed, start and region,
         * when it names them, replace the builder's; call {@link #seed}/{@link #start} afterwards to override.
         */
        public Builder scenario(Scenario scenario) {
            this.scenario = java.util.Objects.requireNonNull(scenario, "scenario");
            if (scenario.seed() != null) {
                this.seed = scenario.seed();
            }
            if (scenario.start() != null) {
                this.start = scenario.start();
            }
            this.region = scenario.region();
            return this;
        }

        /** TCP port on 127.0.0.1; 0 picks a free one (tests). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            if (!accountId.matches("\\d{12}")) {
                throw new IllegalArgumentException("accountId must be 12 digits, got '" + accountId + "'");
            }
            this.accountId = accountId;
            return this;
        }

        public Builder clock(SimClock.Mode mode) {
            this.clockMode = mode;
            return this;
        }

        /** REAL_TIME clock speed factor: 1.0 is wall-clock speed. */
        public Builder realTime(double speed) {
            this.clockMode = SimClock.Mode.REAL_TIME;
            this.speed = speed;
            return this;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public LocalCloud build() {
            return new LocalCloud(this);
        }
    }
}
