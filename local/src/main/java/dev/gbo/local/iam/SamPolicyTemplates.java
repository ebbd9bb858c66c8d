package dev.gbo.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SAM's policy templates ({@code LambdaInvokePolicy}, {@code EventBridgePutEventsPolicy}, ... all of
 * them), read from SAM's own {@code policy_templates.json}, vendored unmodified as
 * {@code sam-policy-templates.json} from aws-sam-translator 1.110.0 (Apache-2.0; licence, notice and source
 * beside it). {@link #expand} does what samtranslator's {@code Template.to_statement} does: it checks that
 * every parameter has a value, then replaces each {@code {"Ref": <parameter>}} of the definition with the
 * given value, and nothing else: {@code Fn::Sub} with {@code ${AWS::Partition}} and the rest are left to
 * the deployer's intrinsics, as CloudFormation resolves them after the SAM transform. The result is the
 * policy document ({@code {"Statement": [...]}}, no Version, as SAM emits it).
 */
public final class SamPolicyTemplates {

    private static final SamPolicyTemplates BUNDLED = load();

    private final JsonNode templates;

    private SamPolicyTemplates(JsonNode templates) {
        this.templates = templates;
    }

    public static SamPolicyTemplates bundled() {
        return BUNDLED;
    }

    private static SamPolicyTemplates load() {
        try (InputStream in = SamPolicyTemplates.class.getResourceAsStream("sam-policy-templates.json")) {
            if (in == null) {
                throw new IllegalStateException("sam-policy-templates.json is missing from the classpath");
            }
            return new SamPolicyTemplates(Json.MAPPER.readTree(in).get("Templates"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of every template, sorted. */
    public Set<String> names() {
        Set<String> out = new TreeSet<>();
        templates.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public boolean has(String name) {
        return templates.has(name);
    }

    /** Whether a {@code Policies} entry is a policy template: an object with one key, a template's name (SAM's test). */
    public boolean isTemplate(JsonNode entry) {
        return entry != null && entry.isObject() && entry.size() == 1 && has(entry.fieldNames().next());
    }

    /**
     * The policy document of template {@code name} with {@code values} for its parameters. Throws
     * {@link IllegalArgumentException} with SAM's own wording when the values are not an object or miss a
     * parameter.
     */
    public JsonNode expand(String name, JsonNode values) {
        JsonNode template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("Template '" + name + "' does not exist.");
        }
        if (values == null || !values.isObject()) {
            throw new IllegalArgumentException("Must specify valid parameter values for policy template '" + name + "'");
        }
        JsonNode parameters = template.path("Parameters");
        List<String> missing = new ArrayList<>();
        parameters.fieldNames().forEachRemaining(p -> {
            if (!values.has(p)) {
                missing.add("'" + p + "'");
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Following required parameters of template '" + name
                    + "' don't have values: " + missing);
        }
        return substitute(template.path("Definition"), parameters, values);
    }

    private static JsonNode substitute(JsonNode node, JsonNode parameters, JsonNode values) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Ref") && node.get("Ref").isTextual() && parameters.has(node.get("Ref").asText())) {
                return values.get(node.get("Ref").asText()).deepCopy();
            }
            ObjectNode out = Json.object();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), substitute(e.getValue(), parameters, values));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.array();
            node.forEach(v -> out.add(substitute(v, parameters, values)));
            return out;
        }
        return node.deepCopy();
    }
}
