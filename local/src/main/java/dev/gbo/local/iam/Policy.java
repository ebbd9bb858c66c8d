package dev.gbo.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An identity-based policy document: its name (the inline policy's name, or the managed policy's ARN) and
 * its statements. Parsing checks what IAM checks when the policy is put (Effect, exactly one of
 * Action/NotAction and of Resource/NotResource, no Principal, the action format, the condition operators)
 * and throws {@code MalformedPolicyDocument} otherwise. Policy variables are resolved only in Version
 * 2012-10-17 documents, as IAM does.
 */
record Policy(String name, List<Statement> statements) {

    static Policy parse(String name, JsonNode document) {
        if (document == null || !document.isObject()) {
            throw Statement.malformed("Policy " + name + " is not a JSON object: " + document);
        }
        String version = document.path("Version").asText("2008-10-17");
        if (!version.equals("2012-10-17") && !version.equals("2008-10-17")) {
            throw Statement.malformed("Policy " + name + " has Version '" + version + "'; IAM knows 2012-10-17 and 2008-10-17.");
        }
        JsonNode s = document.get("Statement");
        if (s == null || s.isNull()) {
            throw Statement.malformed("Policy " + name + " has no Statement.");
        }
        List<Statement> out = new ArrayList<>();
        boolean variables = version.equals("2012-10-17");
        if (s.isArray()) {
            for (int i = 0; i < s.size(); i++) {
                out.add(Statement.parse(s.get(i), i, variables));
            }
        } else {
            out.add(Statement.parse(s, 0, variables));
        }
        return new Policy(name, List.copyOf(out));
    }
}
