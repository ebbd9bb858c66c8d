package dev.gbo.local.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;

/** STS of the local cloud (query protocol): GetCallerIdentity, for the local account's dummy user. */
public final class StsService implements AwsService {
    public static final String USER_NAME = "gbo-local";
    public static final String USER_ID = "AIDAGBOLOCALUSER00001";

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        if (!"GetCallerIdentity".equals(operation)) {
            throw AwsService.unknownOperation("STS", operation);
        }
        ObjectNode out = Json.object();
        out.put("UserId", USER_ID);
        out.put("Account", context.accountId());
        out.put("Arn", "arn:aws:iam::" + context.accountId() + ":user/" + USER_NAME);
        return out;
    }
}
