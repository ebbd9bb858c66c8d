package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

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

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "repositoryName", "InvalidParameterException");
        return store.describeImages(name, input.path("imageIds"));
    }
}
