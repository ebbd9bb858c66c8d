package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;

/** ECR DescribeRepositories: the named repositories, or all of them. */
final class DescribeRepositories implements Operation {
    private final EcrStore store;

    DescribeRepositories(EcrStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "DescribeRepositories";
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        return store.describeRepositories(input.path("repositoryNames"));
    }
}
