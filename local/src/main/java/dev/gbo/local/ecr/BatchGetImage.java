package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** ECR BatchGetImage: the manifests of 1 to 100 image ids; an id not found is a failure. */
final class BatchGetImage implements Operation {
    private final EcrStore store;

    BatchGetImage(EcrStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "BatchGetImage";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "repositoryName", "InvalidParameterException");
        store.requireRepository(name);
        JsonNode ids = input.path("imageIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            throw new AwsException("InvalidParameterException", 400,
                    "imageIds must contain between 1 and 100 image ids.");
        }
        return store.batchGetImage(name, ids);
    }
}
