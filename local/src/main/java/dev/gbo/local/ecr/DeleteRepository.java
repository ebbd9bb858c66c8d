package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** ECR DeleteRepository: an empty repository, or any with {@code force}. */
final class DeleteRepository implements Operation {
    private final EcrStore store;

    DeleteRepository(EcrStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DeleteRepository";
    }

    /** On {@code arn:aws:ecr:R:A:repository/NAME}. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String repo = in.path("repositoryName").asText("");
        return repo.isEmpty() ? List.of()
                : List.of(Access.of(action, "arn:aws:ecr:" + c.region() + ":" + c.accountId() + ":repository/" + repo));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "repositoryName", "InvalidParameterException");
        return store.deleteRepository(name, input.path("force").asBoolean(false));
    }
}
