package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** ECR DescribeImages: the images the ids name, or the tagged ones (not the children of an index). */
final class DescribeImages implements Operation {
    private final EcrStore store;

    DescribeImages(EcrStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeImages";
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
        return store.describeImages(name, input.path("imageIds"));
    }
}
