package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import dev.gbo.local.core.Access;
import java.util.List;

/** S3 ListBuckets: the buckets, by name. */
final class ListBuckets implements Operation {
    private final S3Store store;

    ListBuckets(S3Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "ListBuckets";
    }

    @Override
    public Binding binding() {
        return Binding.rest("GET", "/");
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return List.of(Access.of("s3:ListAllMyBuckets", "*"));
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        ObjectNode out = Json.object();
        ObjectNode result = out.putObject("Xml").putObject("ListAllMyBucketsResult");
        ObjectNode owner = result.putObject("Owner");
        owner.put("ID", HexFormat.of().formatHex(store.accountId.getBytes(StandardCharsets.UTF_8)));
        owner.put("DisplayName", "gbo-local");
        ArrayNode list = result.putObject("Buckets").putArray("Bucket");
        for (S3Store.BucketInfo b : store.buckets()) {
            ObjectNode e = list.addObject();
            e.put("Name", b.name());
            e.put("CreationDate", S3Store.iso(b.created()));
        }
        return out;
    }
}
