package dev.gbo.local.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** STS GetCallerIdentity: the local account's dummy user, whatever the credentials. */
final class GetCallerIdentity implements Operation {

    @Override
    public String name() {
        return "GetCallerIdentity";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        ObjectNode out = Json.object();
        out.put("UserId", StsService.USER_ID);
        out.put("Account", context.accountId());
        out.put("Arn", "arn:aws:iam::" + context.accountId() + ":user/" + StsService.USER_NAME);
        return out;
    }
}
