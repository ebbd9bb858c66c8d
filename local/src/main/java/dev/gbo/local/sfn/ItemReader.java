package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A distributed Map's ItemReader: the items of a JSON array, JSON Lines, a CSV file (header in the
 * first row or given), an S3 inventory manifest (its CSV data files, gzipped or not, keyed by the
 * manifest's fileSchema) or an S3 listing (ListObjectsV2 over Bucket and Prefix), read from the local
 * S3 as the execution's role; at most MaxItems of them. Any problem is {@code States.ItemReaderFailed}.
 */
final class ItemReader {

    static final String FAILED = "States.ItemReaderFailed";

    private ItemReader() {
    }

    static ArrayNode read(MapRunS3 s3, Execution e, DistributedMapParser.Spec d, JsonNode params, int maxItems) {
        int limit = maxItems <= 0 ? Integer.MAX_VALUE : maxItems;
        String bucket = text(params, "Bucket");
        if (d.readerResource.equals(DistributedMapParser.LIST_OBJECTS)) {
            return listing(s3, e, bucket, params.path("Prefix").asText(null), limit);
        }
        String key = text(params, "Key");
        byte[] data = s3.get(e, bucket, key, FAILED);
        return switch (d.inputType) {
            case "JSON" -> json(data, key, limit);
            case "JSONL" -> jsonl(data, key, limit);
            case "CSV" -> csv(utf8(data), d.csvDelimiter, d.csvHeaderLocation.equals("GIVEN") ? d.csvHeaders : null, key, limit);
            case "MANIFEST" -> manifest(s3, e, data, key, limit);
            default -> throw new StatesError(FAILED, "InputType " + d.inputType + " is not supported by the local engine.");
        };
    }

    private static String text(JsonNode params, String field) {
        JsonNode v = params.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new StatesError(FAILED, "The ItemReader's Parameters must give '" + field + "' as a non-empty string: "
                    + Json.write(params));
        }
        return v.asText();
    }

    private static String utf8(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static ArrayNode json(byte[] data, String key, int limit) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(data);
        } catch (IOException x) {
            throw new StatesError(FAILED, "The object '" + key + "' is not valid JSON: " + AslParser.firstLine(x.getMessage()));
        }
        if (root == null || !root.isArray()) {
            throw new StatesError(FAILED, "The object '" + key + "' must hold a JSON array (InputType JSON).");
        }
        ArrayNode out = Json.array();
        for (int i = 0; i < root.size() && out.size() < limit; i++) {
            out.add(root.get(i));
        }
        return out;
    }

    private static ArrayNode jsonl(byte[] data, String key, int limit) {
        ArrayNode out = Json.array();
        String[] lines = utf8(data).split("\r?\n");
        for (int i = 0; i < lines.length && out.size() < limit; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                out.add(Json.MAPPER.readTree(lines[i]));
            } catch (IOException x) {
                throw new StatesError(FAILED, "Line " + (i + 1) + " of the object '" + key + "' is not valid JSON (InputType JSONL): "
                        + AslParser.firstLine(x.getMessage()));
            }
        }
        return out;
    }

    /** CSV rows as objects of strings, keyed by the header (the first row unless {@code given}). */
    static ArrayNode csv(String text, char delimiter, List<String> given, String key, int limit) {
        List<List<String>> rows = rows(text, delimiter, key);
        List<String> header = given;
        int first = 0;
        if (header == null) {
            if (rows.isEmpty()) {
                throw new StatesError(FAILED, "The CSV object '" + key + "' has no header row (CSVHeaderLocation FIRST_ROW).");
            }
            header = rows.get(0);
            first = 1;
        }
        ArrayNode out = Json.array();
        for (int i = first; i < rows.size() && out.size() < limit; i++) {
            List<String> row = rows.get(i);
            if (row.size() != header.size()) {
                throw new StatesError(FAILED, "Row " + (i + 1) + " of the CSV object '" + key + "' has " + row.size()
                        + " fields, but the header has " + header.size() + ".");
            }
            ObjectNode o = out.addObject();
            for (int c = 0; c < header.size(); c++) {
                o.put(header.get(c), row.get(c));
            }
        }
        return out;
    }

    /** RFC 4180 records: quoted fields with doubled quotes, CRLF or LF line ends; blank lines skipped. */
    private static List<List<String>> rows(String text, char delimiter, String key) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new StatesError(FAILED, "The CSV object '" + key + "' ends inside a quoted field.");
        }
        if (any || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** An S3 inventory manifest: its data files (CSV, gzipped or not) in its destination bucket. */
    private static ArrayNode manifest(MapRunS3 s3, Execution e, byte[] data, String key, int limit) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(data);
        } catch (IOException x) {
            throw new StatesError(FAILED, "The manifest '" + key + "' is not valid JSON: " + AslParser.firstLine(x.getMessage()));
        }
        String dest = m == null ? "" : m.path("destinationBucket").asText("");
        String schema = m == null ? "" : m.path("fileSchema").asText("");
        if (dest.isEmpty() || schema.isEmpty() || !m.path("files").isArray()) {
            throw new StatesError(FAILED, "The manifest '" + key + "' must be an S3 inventory manifest.json with "
                    + "destinationBucket, fileSchema and files.");
        }
        if (!"CSV".equals(m.path("fileFormat").asText("CSV"))) {
            throw new StatesError(FAILED, "The inventory's fileFormat " + m.path("fileFormat").asText()
                    + " is not supported by the local engine (only CSV).");
        }
        String bucket = dest.startsWith("arn:aws:s3:::") ? dest.substring("arn:aws:s3:::".length()) : dest;
        List<String> header = new ArrayList<>();
        for (String f : schema.split(",")) {
            header.add(f.trim());
        }
        ArrayNode out = Json.array();
        for (JsonNode f : m.get("files")) {
            if (out.size() >= limit) {
                break;
            }
            String fk = f.path("key").asText();
            byte[] bytes = s3.get(e, bucket, fk, FAILED);
            out.addAll(csv(utf8(gunzip(bytes, fk)), ',', header, fk, limit - out.size()));
        }
        return out;
    }

    private static byte[] gunzip(byte[] bytes, String key) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException x) {
            throw new StatesError(FAILED, "The inventory file '" + key + "' is not valid gzip: " + x.getMessage());
        }
    }

    /** ListObjectsV2 over the prefix, every page: {Etag, Key, LastModified (epoch seconds), Size, StorageClass} per object. */
    private static ArrayNode listing(MapRunS3 s3, Execution e, String bucket, String prefix, int limit) {
        ArrayNode out = Json.array();
        String token = null;
        do {
            JsonNode page = s3.list(e, bucket, prefix, token, FAILED);
            for (JsonNode c : page.path("Contents")) {
                if (out.size() >= limit) {
                    return out;
                }
                ObjectNode o = out.addObject();
                o.put("Etag", c.path("ETag").asText());
                o.put("Key", c.path("Key").asText());
                o.put("LastModified", Instant.parse(c.path("LastModified").asText()).getEpochSecond());
                o.put("Size", c.path("Size").asLong());
                o.put("StorageClass", c.path("StorageClass").asText("STANDARD"));
            }
            token = page.path("IsTruncated").asBoolean() ? page.path("NextContinuationToken").asText(null) : null;
        } while (token != null);
        return out;
    }
}
