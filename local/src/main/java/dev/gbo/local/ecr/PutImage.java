package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** ECR PutImage: a manifest (any JSON), stored by its digest and tagged; immutable tags are not overwritten. */
final class PutImage implements Operation {
    private final EcrStore store;

    PutImage(EcrStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "PutImage";
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
        String manifest = Json.requireText(input, "imageManifest", "InvalidParameterException");
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(manifest);
        } catch (Exception e) {
            throw new AwsException("InvalidParameterException", 400, "Invalid parameter at 'imageManifest' failed to"
                    + " satisfy constraint: 'Invalid JSON syntax'");
        }
        String mediaType = Json.text(input, "imageManifestMediaType",
                parsed.path("mediaType").asText(EcrService.DOCKER_MANIFEST));
        return store.putImage(name, manifest, mediaType, Json.text(input, "imageTag", null));
    }
}
