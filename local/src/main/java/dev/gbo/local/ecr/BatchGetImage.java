package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

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
        store.requireRepository(name);
        JsonNode ids = input.path("imageIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            throw new AwsException("InvalidParameterException", 400,
                    "imageIds must contain between 1 and 100 image ids.");
        }
        return store.batchGetImage(name, ids);
    }
}
