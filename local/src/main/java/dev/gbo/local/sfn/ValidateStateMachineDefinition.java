package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * Step Functions ValidateStateMachineDefinition: the checks CreateStateMachine makes ({@link AslParser#check}),
 * as a list of diagnostics ({@code severity}, {@code code}, {@code message}, {@code location}) instead of the
 * first InvalidDefinition. {@code result} is FAIL when any ERROR diagnostic is found. The engine's refusals
 * (features the local engine does not run, code {@code UNSUPPORTED_FEATURE}) are ERRORs too, so OK means
 * CreateStateMachine accepts the definition here. The parser reports no WARNING diagnostics.
 */
final class ValidateStateMachineDefinition implements Operation {

    /** AWS's default and largest {@code maxResults}. */
    static final int MAX_RESULTS = 100;

    @Override
    public String name() {
        return "ValidateStateMachineDefinition";
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        String definition = SfnInput.required(in, "definition");
        int max = in.path("maxResults").asInt(0);
        if (max <= 0 || max > MAX_RESULTS) {
            max = MAX_RESULTS;
        }
        List<String> errors = new java.util.ArrayList<>();
        if ("EXPRESS".equals(in.path("type").asText("STANDARD"))) {
            errors.addAll(ExpressRules.check(definition));
        }
        errors.addAll(AslParser.check(definition).errors());
        ObjectNode out = Json.object();
        out.put("result", errors.isEmpty() ? "OK" : "FAIL");
        ArrayNode list = out.putArray("diagnostics");
        for (int i = 0; i < errors.size() && i < max; i++) {
            list.add(diagnostic(errors.get(i)));
        }
        out.put("truncated", errors.size() > max);
        return out;
    }

    /** {@code CODE: message at /pointer} as AWS's diagnostic object (ERROR severity; no location when none is known). */
    static ObjectNode diagnostic(String error) {
        ObjectNode d = Json.object();
        d.put("severity", "ERROR");
        int colon = error.indexOf(": ");
        String code = colon > 0 ? error.substring(0, colon) : "SCHEMA_VALIDATION_FAILED";
        String rest = colon > 0 ? error.substring(colon + 2) : error;
        d.put("code", code);
        int src = rest.lastIndexOf("\n at [Source: ");
        if (src >= 0) {
            // a JSON parse error: AWS keeps the whole message and gives Jackson's location as the location
            d.put("message", rest);
            d.put("location", rest.substring(src + 5));
            return d;
        }
        int at = rest.lastIndexOf(" at /");
        d.put("message", at >= 0 ? rest.substring(0, at) : rest);
        if (at >= 0) {
            d.put("location", rest.substring(at + 4));
        }
        return d;
    }
}
