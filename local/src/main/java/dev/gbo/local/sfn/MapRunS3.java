package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.ServiceRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The local S3 calls of a distributed Map (ItemReader's GetObject and ListObjectsV2, ResultWriter's
 * PutObject), made through the registry as the execution's role (IAM as {@link RoleCalls} checks task
 * integrations). A refusal or an S3 error is a {@link StatesError} with the error the caller names
 * ({@code States.ItemReaderFailed}, {@code States.ResultWriterFailed}) and the S3 error as cause.
 */
final class MapRunS3 {

    private final ServiceRegistry registry;
    private final RoleCalls roles;
    private final String region;
    private final String accountId;

    MapRunS3(ServiceRegistry registry, String region, String accountId) {
        this.registry = registry;
        this.roles = new RoleCalls(registry);
        this.region = region;
        this.accountId = accountId;
    }

    private JsonNode call(Execution e, String operation, JsonNode in, String error) {
        if (!registry.has("s3")) {
            throw new StatesError(error, "S3 is not part of this local cloud, so " + operation + " cannot run.");
        }
        RequestContext ctx = new RequestContext(region, accountId, UUID.nameUUIDFromBytes((e.arn + "/" + operation + "/"
                + Json.write(in)).getBytes(StandardCharsets.UTF_8)).toString());
        RoleCalls.Denied denied = roles.check(e, "s3", operation, in, ctx);
        if (denied != null) {
            throw new StatesError(error, denied.cause());
        }
        try {
            return registry.get("s3").call(operation, in, ctx);
        } catch (AwsException x) {
            throw new StatesError(error, x.getMessage() + " (Service: Amazon S3; Status Code: " + x.status()
                    + "; Error Code: " + x.code() + "; Request ID: " + ctx.requestId() + "; Proxy: null)");
        }
    }

    /** The object's bytes. */
    byte[] get(Execution e, String bucket, String key, String error) {
        ObjectNode in = Json.object();
        in.put("Bucket", bucket);
        in.put("Key", key);
        JsonNode out = call(e, "GetObject", in, error);
        return out.hasNonNull("Body") ? Base64.getDecoder().decode(out.get("Body").asText()) : new byte[0];
    }

    /** One page of ListObjectsV2: the {@code ListBucketResult}. */
    JsonNode list(Execution e, String bucket, String prefix, String token, String error) {
        ObjectNode in = Json.object();
        in.put("Bucket", bucket);
        ObjectNode q = in.putObject("Query");
        q.put("list-type", "2");
        if (prefix != null) {
            q.put("prefix", prefix);
        }
        if (token != null) {
            q.put("continuation-token", token);
        }
        return call(e, "ListObjectsV2", in, error).path("Xml").path("ListBucketResult");
    }

    /** Stores {@code text} as a JSON object. */
    void put(Execution e, String bucket, String key, String text, String error) {
        ObjectNode in = Json.object();
        in.put("Bucket", bucket);
        in.put("Key", key);
        in.put("Body", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        in.putObject("Headers").put("content-type", "application/json");
        call(e, "PutObject", in, error);
    }
}
