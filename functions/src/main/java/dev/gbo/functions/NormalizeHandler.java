package dev.gbo.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.request.JobRequest;
import dev.gbo.model.request.RequestDefaults;
import dev.gbo.model.request.RequestNormalizer;
import dev.gbo.model.support.Json;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Priming;
import java.util.Map;

/**
 * NormalizeFunction: any trigger to the canonical request. Payload
 * {@code {"trigger": <state input>, "executionName": "$$.Execution.Name"}}; see {@link RequestNormalizer}.
 */
public final class NormalizeHandler extends JsonStreamHandler<JsonNode, ObjectNode> {
    private final RequestNormalizer normalizer;

    public NormalizeHandler() {
        this(System.getenv());
    }

    public NormalizeHandler(Map<String, String> environment) {
        this(new RequestNormalizer(RequestDefaults.fromEnvironment(environment)));
    }

    NormalizeHandler(RequestNormalizer normalizer) {
        super(JsonNode.class);
        this.normalizer = normalizer;
        registerForSnapStart();
    }

    @Override
    ObjectNode handle(JsonNode input) {
        JobRequest request = normalizer.normalize(input);
        Log.info("normalize.ok", "requestId", request.requestId(), "source", request.source().path("type").asText(),
                "name", request.name());
        return request.toJson();
    }

    @Override
    void prime() {
        Priming.step("normalize console", () -> Json.toJson(normalizer.normalize(Json.parse(Priming.CONSOLE_REQUEST))));
        Priming.step("normalize s3", () -> Json.toJson(normalizer.normalize(Json.parse(Priming.S3_EVENT), null)));
    }
}
