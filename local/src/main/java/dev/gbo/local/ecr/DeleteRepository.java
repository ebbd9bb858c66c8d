package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

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

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "repositoryName", "InvalidParameterException");
        return store.deleteRepository(name, input.path("force").asBoolean(false));
    }
}
