package dev.gbo.local.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AWS's default request-rate quotas for the APIs the local cloud serves (us-east-1, per account and
 * Region), as token buckets per (API, operation group), and the error each API answers a throttled
 * call with. The endpoint ({@code AwsEndpoint}) applies them to every operation on the wire through
 * {@link Throttling}. A quota stated as "N transactions per second" is a bucket of N tokens refilled
 * at N per second. An operation with no documented default is not throttled (listed as such below).
 *
 * <p>Sources (checked 2026; re-check before changing a figure):
 * <ul>
 *   <li>Batch: "AWS Batch service quotas": SubmitJob 50 TPS per account and Region. Other Batch APIs
 *       are throttled by AWS but have no documented default: not throttled here.</li>
 *   <li>EC2: "Request throttling for the Amazon EC2 API" (ec2/latest/devguide/ec2-api-throttling):
 *       non-mutating actions (Describe*) share one bucket of 100 tokens refilled at 20 per second;
 *       unfiltered and unpaginated non-mutating actions 50/10; mutating actions 200/10.</li>
 *   <li>Step Functions: "Step Functions service quotas", "Quotas related to API action throttling"
 *       and "Other quotas", US East (N. Virginia) column (bucket size / refill per second).</li>
 *   <li>CloudWatch Logs: "CloudWatch Logs quotas" (AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl):
 *       PutLogEvents 5,000 TPS (us-east-1), CreateLogStream 50, CreateLogGroup 5, DescribeLogStreams 25,
 *       DescribeLogGroups 10, GetLogEvents 25, FilterLogEvents 5 TPS.</li>
 *   <li>EventBridge: "Amazon EventBridge quotas": PutEvents 10,000 TPS in us-east-1; control-plane
 *       operations (PutRule, PutTargets, ...) 50 TPS ("Throttle limit for all other API requests").</li>
 *   <li>Lambda: "Lambda quotas": synchronous Invoke is bounded by concurrency (1,000) at up to 10
 *       requests per second per execution environment = 10,000 per second; GetFunction 100 requests
 *       per second; other control-plane APIs 15 per second.</li>
 *   <li>S3: "Best practices design patterns: optimizing Amazon S3 performance": 3,500
 *       PUT/COPY/POST/DELETE and 5,500 GET/HEAD requests per second per prefix (modelled here per
 *       bucket-less API, i.e. for the whole local S3).</li>
 * </ul>
 */
public final class RateLimits {

    /** A token bucket: {@code size} tokens, refilled at {@code refillPerSecond}. */
    public record Rate(double size, double refillPerSecond) {
        public Rate {
            if (!(size >= 1) || !(refillPerSecond > 0)) {
                throw new IllegalArgumentException("a rate needs size >= 1 and refill > 0, got " + size + "/" + refillPerSecond);
            }
        }

        public static Rate tps(double tps) {
            return new Rate(tps, tps);
        }
    }

    /** One bucket: the operations (exact names, or a trailing-* prefix) of one API that share it. */
    public record Group(String api, String name, List<String> operations, Rate rate) {
        boolean covers(String operation) {
            for (String op : operations) {
                if (op.endsWith("*") ? operation.startsWith(op.substring(0, op.length() - 1)) : op.equals(operation)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Group> DEFAULTS = List.of(
            // AWS Batch service quotas: SubmitJob 50 TPS per account and Region.
            new Group("batch", "SubmitJob", List.of("SubmitJob"), Rate.tps(50)),
            // EC2 request throttling: non-mutating actions share one bucket, 100 tokens, refill 20/s.
            new Group("ec2", "NonMutating", List.of("Describe*", "Get*", "List*"), new Rate(100, 20)),
            new Group("ec2", "Mutating", List.of("*"), new Rate(200, 10)),
            // Step Functions service quotas, US East (N. Virginia), Standard workflows.
            sfn("StartExecution", 1300, 300),
            sfn("StopExecution", 1000, 200),
            sfn("SendTaskSuccess", 3000, 500),
            sfn("SendTaskFailure", 3000, 500),
            sfn("SendTaskHeartbeat", 3000, 500),
            sfn("DescribeExecution", 300, 15),
            sfn("GetExecutionHistory", 400, 20),
            sfn("ListExecutions", 200, 5),
            sfn("ListStateMachines", 100, 5),
            sfn("DescribeStateMachine", 200, 20),
            sfn("DescribeStateMachineForExecution", 200, 1),
            sfn("CreateStateMachine", 100, 1),
            sfn("UpdateStateMachine", 100, 1),
            sfn("DeleteStateMachine", 100, 1),
            sfn("TagResource", 200, 1),
            sfn("UntagResource", 200, 1),
            sfn("ListTagsForResource", 100, 1),
            // CloudWatch Logs quotas (TPS per account and Region, us-east-1).
            logs("PutLogEvents", 5000),
            logs("CreateLogStream", 50),
            logs("CreateLogGroup", 5),
            logs("DescribeLogStreams", 25),
            logs("DescribeLogGroups", 10),
            logs("GetLogEvents", 25),
            logs("FilterLogEvents", 5),
            // EventBridge quotas: PutEvents 10,000 TPS in us-east-1; all other APIs 50 TPS.
            new Group("events", "PutEvents", List.of("PutEvents"), Rate.tps(10_000)),
            new Group("events", "ControlPlane", List.of("*"), Rate.tps(50)),
            // Lambda quotas: 10 requests/s per environment x 1,000 concurrency; GetFunction 100/s; control plane 15/s.
            new Group("lambda", "Invoke", List.of("Invoke"), Rate.tps(10_000)),
            new Group("lambda", "GetFunction", List.of("GetFunction"), Rate.tps(100)),
            new Group("lambda", "ControlPlane", List.of("*"), Rate.tps(15)),
            // S3 performance guidelines: 5,500 GET/HEAD and 3,500 PUT/COPY/POST/DELETE per second per prefix.
            new Group("s3", "Read", List.of("Get*", "Head*", "List*"), Rate.tps(5500)),
            new Group("s3", "Write", List.of("*"), Rate.tps(3500)));

    private static Group sfn(String op, double size, double refill) {
        return new Group("states", op, List.of(op), new Rate(size, refill));
    }

    private static Group logs(String op, double tps) {
        return new Group("logs", op, List.of(op), Rate.tps(tps));
    }

    private final List<Group> groups;
    private final boolean enabled;

    private RateLimits(List<Group> groups, boolean enabled) {
        this.groups = List.copyOf(groups);
        this.enabled = enabled;
    }

    /** AWS's defaults. */
    public static RateLimits defaults() {
        return new RateLimits(DEFAULTS, true);
    }

    /** No throttling at all. */
    public static RateLimits off() {
        return new RateLimits(DEFAULTS, false);
    }

    /**
     * The defaults with overrides: key {@code api} (every group of the API) or {@code api:Operation}
     * (a bucket of its own for that operation, placed before the defaults); value null = not throttled.
     */
    public static RateLimits withOverrides(boolean enabled, Map<String, Rate> overrides) {
        List<Group> out = new java.util.ArrayList<>();
        Map<String, Rate> apiWide = new LinkedHashMap<>();
        overrides.forEach((k, v) -> {
            int colon = k.indexOf(':');
            if (colon > 0) {
                out.add(new Group(k.substring(0, colon), k.substring(colon + 1), List.of(k.substring(colon + 1)), v));
            } else {
                apiWide.put(k, v);
            }
        });
        for (Group g : DEFAULTS) {
            if (apiWide.containsKey(g.api())) {
                Rate r = apiWide.get(g.api());
                out.add(new Group(g.api(), g.name(), g.operations(), r));
            } else {
                out.add(g);
            }
        }
        for (Map.Entry<String, Rate> e : apiWide.entrySet()) {
            // every other operation of the API gets the override too
            out.add(new Group(e.getKey(), "All", List.of("*"), e.getValue()));
        }
        return new RateLimits(out, enabled);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The bucket group of an operation, or null when it is not throttled. A null rate means "not throttled". */
    public Group groupOf(String api, String operation) {
        if (!enabled) {
            return null;
        }
        for (Group g : groups) {
            if (g.api().equals(api) && g.covers(operation)) {
                return g.rate() == null ? null : g;
            }
        }
        return null;
    }

    public List<Group> groups() {
        return groups;
    }

    /** The error each API answers a throttled call with, to the word. */
    public static AwsException throttled(String api) {
        return switch (Objects.requireNonNull(api)) {
            case "batch" -> new AwsException("TooManyRequestsException", 429, "Too Many Requests");
            case "ec2" -> new AwsException("RequestLimitExceeded", 503, "Request limit exceeded.");
            case "lambda" -> new AwsException("TooManyRequestsException", 429, "Rate Exceeded.");
            case "s3" -> new AwsException("SlowDown", 503, "Please reduce your request rate.");
            default -> new AwsException("ThrottlingException", 400, "Rate exceeded"); // states, events, logs, ...
        };
    }
}
