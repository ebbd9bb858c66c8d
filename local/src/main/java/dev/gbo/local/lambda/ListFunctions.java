package dev.gbo.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.Pages;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/** Lambda ListFunctions: every function's {@code $LATEST} configuration by name, {@code MaxItems} (default 50) a page. */
final class ListFunctions implements Operation {
    private static final int MAX_ITEMS = 10000;
    private static final Pages PAGES = new Pages("lambda-functions", "Marker", "MaxItems", MAX_ITEMS,
            m -> new AwsException("InvalidParameterValueException", 400, m));

    private final LambdaStore store;

    ListFunctions(LambdaStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListFunctions";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/2015-03-31/functions/")
                .query("MasterRegion", "MasterRegion")
                .query("FunctionVersion", "FunctionVersion")
                .query("Marker", "Marker")
                .query("MaxItems", "MaxItems");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        int max;
        try {
            max = Integer.parseInt(Json.text(input, "MaxItems", "50"));
        } catch (NumberFormatException e) {
            max = 0;
        }
        if (max < 1 || max > MAX_ITEMS) {
            throw new AwsException("InvalidParameterValueException", 400, "MaxItems must be between 1 and " + MAX_ITEMS + ".");
        }
        List<LambdaFunction> all = store.functions();
        int start = Math.min(PAGES.offset(input), all.size());
        int end = Math.min(all.size(), start + max);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Functions");
        for (LambdaFunction f : all.subList(start, end)) {
            list.add(GetFunction.configuration(store, f, "$LATEST"));
        }
        if (end < all.size()) {
            out.put("NextMarker", PAGES.token(end));
        }
        return out;
    }
}
