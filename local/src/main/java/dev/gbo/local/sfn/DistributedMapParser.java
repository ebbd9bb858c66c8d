package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the fields of a Map state in Distributed mode ({@code ProcessorConfig.Mode:
 * DISTRIBUTED}): ProcessorConfig.ExecutionType, ItemReader (S3 getObject with ReaderConfig
 * InputType JSON, JSONL, CSV or MANIFEST; S3 listObjectsV2), ItemBatcher, ResultWriter (S3
 * putObject) and Label, into a {@link Spec}. The distributed fields on a Map in INLINE mode, and
 * what the local engine does not run (WriterConfig, PARQUET, Athena manifests), are diagnostics.
 */
final class DistributedMapParser {

    static final String GET_OBJECT = "arn:aws:states:::s3:getObject";
    static final String LIST_OBJECTS = "arn:aws:states:::s3:listObjectsV2";
    static final String PUT_OBJECT = "arn:aws:states:::s3:putObject";
    /** The Map fields that belong to Distributed mode. */
    static final Set<String> FIELDS = Set.of("ItemReader", "ItemBatcher", "ResultWriter", "Label");
    private static final Pattern LABEL = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,40}");

    private DistributedMapParser() {
    }

    /** A distributed Map's configuration. */
    static final class Spec {
        String executionType = "STANDARD";
        /** The ItemProcessor as JSON text: the definition of the child executions. */
        String processorText;
        String label;
        // ItemReader (readerResource null: the items come from ItemsPath)
        String readerResource;
        Template readerParameters;
        String inputType;
        String csvHeaderLocation = "FIRST_ROW";
        List<String> csvHeaders;
        char csvDelimiter = ',';
        Integer maxItems;
        String maxItemsPath;
        // ItemBatcher (batched false: one item per child execution)
        boolean batched;
        Integer maxItemsPerBatch;
        String maxItemsPerBatchPath;
        Integer maxInputBytesPerBatch;
        String maxInputBytesPerBatchPath;
        Template batchInput;
        // ResultWriter (writerParameters and writerArguments null: no export)
        Template writerParameters;
        // the JSONata forms (a distributed Map in a JSONata state); null when absent or literal (then in the fields above)
        Jsonata.Template readerArguments;
        Jsonata.Template maxItemsExpr;
        Jsonata.Template maxItemsPerBatchExpr;
        Jsonata.Template maxInputBytesPerBatchExpr;
        Jsonata.Template batchInputExpr;
        Jsonata.Template writerArguments;

        boolean writes() {
            return writerParameters != null || writerArguments != null;
        }
    }

    /** The Mode of a Map's ItemProcessor ({@code INLINE} when absent). */
    static String mode(JsonNode proc) {
        JsonNode mode = proc == null ? null : proc.path("ProcessorConfig").get("Mode");
        return mode == null ? "INLINE" : mode.asText();
    }

    /**
     * Reads ProcessorConfig and the distributed fields of the Map {@code n} whose processor is {@code proc}
     * (at {@code pat}); sets {@code s.distributed} in Distributed mode.
     */
    static void parse(StateDraft s, JsonNode n, JsonNode proc, String at, String pat, List<String> errors) {
        JsonNode cfg = proc.get("ProcessorConfig");
        String mode = mode(proc);
        if (cfg != null && !cfg.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: ProcessorConfig must be a JSON object at " + pat + "/ProcessorConfig");
            return;
        }
        if (!Set.of("INLINE", "DISTRIBUTED").contains(mode)) {
            errors.add("SCHEMA_VALIDATION_FAILED: ProcessorConfig.Mode must be INLINE or DISTRIBUTED at " + pat
                    + "/ProcessorConfig/Mode");
            return;
        }
        if (cfg != null) {
            for (String f : AslParser.iter(cfg.fieldNames())) {
                if (!Set.of("Mode", "ExecutionType").contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in ProcessorConfig at " + pat
                            + "/ProcessorConfig/" + f);
                }
            }
        }
        if (mode.equals("INLINE")) {
            for (String f : AslParser.iter(n.fieldNames())) {
                if (FIELDS.contains(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is only supported for a Map state in "
                            + "DISTRIBUTED mode (state '" + s.name + "', ProcessorConfig.Mode INLINE) at " + at + "/" + f);
                }
            }
            if (cfg != null && cfg.has("ExecutionType")) {
                errors.add("SCHEMA_VALIDATION_FAILED: ExecutionType is only supported in DISTRIBUTED mode at " + pat
                        + "/ProcessorConfig/ExecutionType");
            }
            return;
        }
        Spec d = new Spec();
        s.distributed = d;
        d.processorText = Json.write(proc);
        JsonNode type = cfg.get("ExecutionType");
        if (type == null || !Set.of("STANDARD", "EXPRESS").contains(type.asText())) {
            errors.add("SCHEMA_VALIDATION_FAILED: ProcessorConfig.ExecutionType (STANDARD or EXPRESS) is required for a Map "
                    + "state in DISTRIBUTED mode at " + pat + "/ProcessorConfig/ExecutionType");
        } else {
            d.executionType = type.asText();
        }
        JsonNode label = n.get("Label");
        if (label != null) {
            if (!label.isTextual() || !LABEL.matcher(label.asText()).matches()) {
                errors.add("SCHEMA_VALIDATION_FAILED: Label must be 1 to 40 characters without whitespace, wildcards, "
                        + "brackets, control characters or any of <>{}[]?*\"#%\\^|~`$&,;:/ at " + at + "/Label");
            } else {
                d.label = label.asText();
            }
        }
        boolean jsonata = s.q.jsonata;
        if (n.has("ItemReader")) {
            reader(d, n.get("ItemReader"), at + "/ItemReader", jsonata, errors);
        }
        if (n.has("ItemBatcher")) {
            batcher(d, n.get("ItemBatcher"), at + "/ItemBatcher", jsonata, errors);
        }
        if (n.has("ResultWriter")) {
            writer(d, n.get("ResultWriter"), at + "/ResultWriter", jsonata, errors);
        }
    }

    /** JSONPath-only fields of the distributed Map's sub-objects, refused in a JSONata state. */
    private static final Set<String> JSONPATH_ONLY = Set.of("Parameters", "MaxItemsPath", "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatchPath");

    private static void unknown(JsonNode n, Set<String> allowed, String what, String at, List<String> errors) {
        unknown(n, allowed, what, at, false, errors);
    }

    private static void unknown(JsonNode n, Set<String> allowed, String what, String at, boolean jsonata, List<String> errors) {
        for (String f : AslParser.iter(n.fieldNames())) {
            if (jsonata && JSONPATH_ONLY.contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in states whose QueryLanguage is "
                        + "JSONata (use Arguments, Output and Assign) at " + at + "/" + f);
            } else if (jsonata && f.equals("Arguments") && !allowed.contains(f)) {
                errors.add("SCHEMA_VALIDATION_FAILED: The field 'Arguments' is not supported in " + what + " at " + at + "/" + f);
            } else if (!allowed.contains(f)) {
                errors.add((f.equals("Arguments") || f.equals("WriterConfig") || f.equals("ItemsPointer")
                        ? "UNSUPPORTED_FEATURE: " + what + "." + f + " is not supported by the local Step Functions engine"
                        : "SCHEMA_VALIDATION_FAILED: The field '" + f + "' is not supported in " + what) + " at " + at + "/" + f);
            }
        }
    }

    private static void reader(Spec d, JsonNode r, String at, boolean jsonata, List<String> errors) {
        if (!r.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: ItemReader must be a JSON object at " + at);
            return;
        }
        unknown(r, Set.of("Resource", jsonata ? "Arguments" : "Parameters", "ReaderConfig"), "ItemReader", at, jsonata, errors);
        String res = r.path("Resource").asText("");
        if (!res.equals(GET_OBJECT) && !res.equals(LIST_OBJECTS)) {
            errors.add("INVALID_RESOURCE: ItemReader.Resource must be " + GET_OBJECT + " or " + LIST_OBJECTS
                    + " (the local engine reads items from the local S3 only) at " + at + "/Resource");
            return;
        }
        d.readerResource = res;
        JsonNode p = r.get("Parameters");
        if (jsonata) {
            d.readerArguments = arguments(r, "ItemReader", "Bucket" + (res.equals(GET_OBJECT) ? " and Key" : ""), at, errors);
        } else if (p == null || !p.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Parameters' (an object with Bucket"
                    + (res.equals(GET_OBJECT) ? " and Key" : "") + ") is required in ItemReader at " + at + "/Parameters");
        } else {
            d.readerParameters = Template.compile(p, at + "/Parameters", errors);
        }
        JsonNode c = r.get("ReaderConfig");
        if (c != null && !c.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: ReaderConfig must be a JSON object at " + at + "/ReaderConfig");
            return;
        }
        String cat = at + "/ReaderConfig";
        if (c != null) {
            unknown(c, Set.of("InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems", "MaxItemsPath",
                    "ManifestType"), "ReaderConfig", cat, jsonata, errors);
            d.maxItemsExpr = jsonata ? expression(c, "MaxItems", cat, errors) : null;
            d.maxItems = d.maxItemsExpr != null ? null : AslParser.positiveInt(c, "MaxItems", cat, true, errors);
            d.maxItemsPath = AslParser.pathField(c, "MaxItemsPath", cat, errors);
            if (c.has("MaxItems") && c.has("MaxItemsPath")) {
                errors.add("SCHEMA_VALIDATION_FAILED: MaxItems and MaxItemsPath are mutually exclusive at " + cat);
            }
        }
        JsonNode type = c == null ? null : c.get("InputType");
        if (res.equals(LIST_OBJECTS)) {
            if (type != null) {
                errors.add("SCHEMA_VALIDATION_FAILED: ReaderConfig.InputType is not used with " + LIST_OBJECTS + " at "
                        + cat + "/InputType");
            }
            return;
        }
        if (type == null || !Set.of("JSON", "JSONL", "CSV", "MANIFEST", "PARQUET").contains(type.asText())) {
            errors.add("SCHEMA_VALIDATION_FAILED: ReaderConfig.InputType (CSV, JSON, JSONL, MANIFEST or PARQUET) is required "
                    + "with " + GET_OBJECT + " at " + cat + "/InputType");
            return;
        }
        d.inputType = type.asText();
        if (d.inputType.equals("PARQUET")) {
            errors.add("UNSUPPORTED_FEATURE: ItemReader InputType PARQUET is not supported by the local Step Functions engine"
                    + " (it reads CSV, JSON, JSONL and S3 inventory MANIFEST) at " + cat + "/InputType");
        }
        if (c.has("ManifestType") && !"S3_INVENTORY".equals(c.get("ManifestType").asText())) {
            errors.add("UNSUPPORTED_FEATURE: ItemReader ManifestType " + c.get("ManifestType").asText()
                    + " is not supported by the local Step Functions engine (only S3_INVENTORY) at " + cat + "/ManifestType");
        }
        if (!d.inputType.equals("CSV")) {
            for (String f : List.of("CSVHeaderLocation", "CSVHeaders", "CSVDelimiter")) {
                if (c.has(f)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: " + f + " is only used with InputType CSV at " + cat + "/" + f);
                }
            }
            return;
        }
        JsonNode loc = c.get("CSVHeaderLocation");
        if (loc != null) {
            if (!Set.of("FIRST_ROW", "GIVEN").contains(loc.asText())) {
                errors.add("SCHEMA_VALIDATION_FAILED: CSVHeaderLocation must be FIRST_ROW or GIVEN at " + cat + "/CSVHeaderLocation");
            } else {
                d.csvHeaderLocation = loc.asText();
            }
        }
        JsonNode headers = c.get("CSVHeaders");
        if (d.csvHeaderLocation.equals("GIVEN")) {
            if (headers == null || !headers.isArray() || headers.isEmpty()) {
                errors.add("SCHEMA_VALIDATION_FAILED: CSVHeaders (a non-empty array of strings) is required when "
                        + "CSVHeaderLocation is GIVEN at " + cat + "/CSVHeaders");
            } else {
                d.csvHeaders = new ArrayList<>();
                headers.forEach(h -> d.csvHeaders.add(h.asText()));
            }
        } else if (headers != null) {
            errors.add("SCHEMA_VALIDATION_FAILED: CSVHeaders is only allowed when CSVHeaderLocation is GIVEN at " + cat + "/CSVHeaders");
        }
        JsonNode delim = c.get("CSVDelimiter");
        if (delim != null) {
            switch (delim.asText()) {
                case "COMMA" -> d.csvDelimiter = ',';
                case "PIPE" -> d.csvDelimiter = '|';
                case "SEMICOLON" -> d.csvDelimiter = ';';
                case "SPACE" -> d.csvDelimiter = ' ';
                case "TAB" -> d.csvDelimiter = '\t';
                default -> errors.add("SCHEMA_VALIDATION_FAILED: CSVDelimiter must be COMMA, PIPE, SEMICOLON, SPACE or TAB at "
                        + cat + "/CSVDelimiter");
            }
        }
    }

    private static void batcher(Spec d, JsonNode b, String at, boolean jsonata, List<String> errors) {
        if (!b.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: ItemBatcher must be a JSON object at " + at);
            return;
        }
        unknown(b, Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath",
                "BatchInput"), "ItemBatcher", at, jsonata, errors);
        d.batched = true;
        if (jsonata) {
            d.maxItemsPerBatchExpr = expression(b, "MaxItemsPerBatch", at, errors);
            d.maxInputBytesPerBatchExpr = expression(b, "MaxInputBytesPerBatch", at, errors);
            JsonNode in = b.get("BatchInput");
            if (in != null) {
                if (!in.isObject() && !Jsonata.isExpression(in)) {
                    errors.add("SCHEMA_VALIDATION_FAILED: BatchInput must be a JSON object or a JSONata expression at " + at
                            + "/BatchInput");
                } else {
                    d.batchInputExpr = Jsonata.Template.compile(in, at + "/BatchInput", errors);
                }
            }
        }
        d.maxItemsPerBatch = d.maxItemsPerBatchExpr != null ? null : AslParser.positiveInt(b, "MaxItemsPerBatch", at, false, errors);
        d.maxItemsPerBatchPath = AslParser.pathField(b, "MaxItemsPerBatchPath", at, errors);
        d.maxInputBytesPerBatch = d.maxInputBytesPerBatchExpr != null ? null
                : AslParser.positiveInt(b, "MaxInputBytesPerBatch", at, false, errors);
        d.maxInputBytesPerBatchPath = AslParser.pathField(b, "MaxInputBytesPerBatchPath", at, errors);
        if (d.maxInputBytesPerBatch != null && d.maxInputBytesPerBatch > Interpreter.PAYLOAD_LIMIT) {
            errors.add("SCHEMA_VALIDATION_FAILED: MaxInputBytesPerBatch must be at most " + Interpreter.PAYLOAD_LIMIT
                    + " at " + at + "/MaxInputBytesPerBatch");
        }
        for (String[] pair : new String[][] {{"MaxItemsPerBatch", "MaxItemsPerBatchPath"},
                {"MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"}}) {
            if (b.has(pair[0]) && b.has(pair[1])) {
                errors.add("SCHEMA_VALIDATION_FAILED: " + pair[0] + " and " + pair[1] + " are mutually exclusive at " + at);
            }
        }
        if (!b.has("MaxItemsPerBatch") && !b.has("MaxItemsPerBatchPath") && !b.has("MaxInputBytesPerBatch")
                && !b.has("MaxInputBytesPerBatchPath")) {
            errors.add("SCHEMA_VALIDATION_FAILED: ItemBatcher needs at least one of MaxItemsPerBatch, MaxItemsPerBatchPath, "
                    + "MaxInputBytesPerBatch, MaxInputBytesPerBatchPath at " + at);
        }
        JsonNode in = b.get("BatchInput");
        if (in != null && !jsonata) {
            if (!in.isObject()) {
                errors.add("SCHEMA_VALIDATION_FAILED: BatchInput must be a JSON object at " + at + "/BatchInput");
            } else {
                d.batchInput = Template.compile(in, at + "/BatchInput", errors);
            }
        }
    }

    private static void writer(Spec d, JsonNode w, String at, boolean jsonata, List<String> errors) {
        if (!w.isObject()) {
            errors.add("SCHEMA_VALIDATION_FAILED: ResultWriter must be a JSON object at " + at);
            return;
        }
        unknown(w, Set.of("Resource", jsonata ? "Arguments" : "Parameters"), "ResultWriter", at, jsonata, errors);
        if (!PUT_OBJECT.equals(w.path("Resource").asText(""))) {
            errors.add("INVALID_RESOURCE: ResultWriter.Resource must be " + PUT_OBJECT + " at " + at + "/Resource");
        }
        if (jsonata) {
            d.writerArguments = arguments(w, "ResultWriter", "Bucket (and optionally Prefix)", at, errors);
            return;
        }
        JsonNode p = w.get("Parameters");
        if (p == null || !p.isObject() || !(p.has("Bucket") || p.has("Bucket.$"))) {
            errors.add("SCHEMA_VALIDATION_FAILED: ResultWriter.Parameters with Bucket (and optionally Prefix) is required at "
                    + at + "/Parameters");
            return;
        }
        d.writerParameters = Template.compile(p, at + "/Parameters", errors);
    }

    /**
     * JSONata: the required Arguments of ItemReader or ResultWriter, a JSON object (with {@code {% %}}
     * values) or one JSONata expression that evaluates to the object.
     */
    private static Jsonata.Template arguments(JsonNode n, String what, String needs, String at, List<String> errors) {
        JsonNode a = n.get("Arguments");
        if (a == null || !(a.isObject() || Jsonata.isExpression(a))) {
            errors.add("SCHEMA_VALIDATION_FAILED: The field 'Arguments' (an object with " + needs
                    + ", or a JSONata expression) is required in " + what + " at " + at + "/Arguments");
            return null;
        }
        if (a.isObject() && what.equals("ResultWriter") && !a.has("Bucket")) {
            errors.add("SCHEMA_VALIDATION_FAILED: ResultWriter.Arguments with Bucket (and optionally Prefix) is required at "
                    + at + "/Arguments");
            return null;
        }
        return Jsonata.Template.compile(a, at + "/Arguments", errors);
    }

    /** JSONata: a numeric field given as a {@code {% %}} expression (null when absent or a literal, checked as in JSONPath). */
    private static Jsonata.Template expression(JsonNode n, String field, String at, List<String> errors) {
        JsonNode v = n.get(field);
        return v != null && Jsonata.isExpression(v) ? Jsonata.Template.compile(v, at + "/" + field, errors) : null;
    }
}
