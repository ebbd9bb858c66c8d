package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** ECR CreateRepository: a repository with a valid name, once. */
final class CreateRepository implements Operation {
    private final EcrStore store;

    CreateRepository(EcrStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "CreateRepository";
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
        if (!name.matches("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*") || name.length() < 2
                || name.length() > 256) {
            throw new AwsException("InvalidParameterException", 400, "Invalid parameter at 'repositoryName' failed to"
                    + " satisfy constraint: 'must satisfy regular expression "
                    + "'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }
        return store.createRepository(name, Json.text(input, "imageTagMutability", "MUTABLE"));
    }
}
