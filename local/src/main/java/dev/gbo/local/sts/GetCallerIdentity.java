package dev.gbo.local.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** STS GetCallerIdentity: the local account's dummy user, whatever the credentials. */
final class GetCallerIdentity implements Operation {

    @Override
    public String name() {
        return "GetCallerIdentity";
    }

    /** No permission is required to call GetCallerIdentity (an explicit deny does not stop it either). */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return List.of();
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
