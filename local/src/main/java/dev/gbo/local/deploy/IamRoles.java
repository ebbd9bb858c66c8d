package dev.gbo.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.iam.ManagedPolicies;
import dev.gbo.local.iam.SamPolicyTemplates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM roles of one stack deployment, defined in the local cloud's IAM ({@link dev.gbo.local.core.AccessControl})
 * so that the calls of their principals are checked:
 * <ul>
 *   <li>the execution role SAM generates for an {@code AWS::Serverless::Function} or
 *       {@code AWS::Serverless::StateMachine} without {@code Role}: {@code <stack>-<LogicalId>Role-<SUFFIX>}, with
 *       the resource's {@code Policies} as SAM translates them (a managed policy name or ARN, an inline document
 *       named {@code <LogicalId>RolePolicy<index>}, or a SAM policy template expanded by
 *       {@link SamPolicyTemplates}), plus the managed policies SAM adds (AWSLambdaBasicExecutionRole for a
 *       function, AWSXrayWriteOnlyAccess with tracing, AWSLambdaVPCAccessExecutionRole with VpcConfig);</li>
 *   <li>an {@code AWS::IAM::Role} of the template: its {@code Policies[].PolicyDocument} and
 *       {@code ManagedPolicyArns}.</li>
 * </ul>
 * A managed policy the local cloud does not know grants nothing here; the report says so.
 */
final class IamRoles {
    private static final String VPC_ACCESS = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole";

    private final StackRun run;

    IamRoles(StackRun run) {
        this.run = run;
    }

    /** The role SAM generates for {@code id} (a function when {@code function}, else a state machine): its ARN. */
    String samRole(String id, JsonNode props, boolean function) {
        String name = run.stack + "-" + id + "Role-" + run.suffix(id + "Role", 12);
        String arn = "arn:aws:iam::" + run.accountId + ":role/" + name;
        List<String> managed = new ArrayList<>();
        if (function) {
            managed.add(ManagedPolicies.LAMBDA_BASIC_EXECUTION);
            if (props.hasNonNull("Tracing") && !"Disabled".equals(props.get("Tracing").asText())) {
                managed.add(ManagedPolicies.XRAY_WRITE_ONLY);
            }
            if (props.hasNonNull("VpcConfig")) {
                managed.add(VPC_ACCESS);
            }
        }
        Map<String, JsonNode> inline = new LinkedHashMap<>();
        JsonNode policies = props.get("Policies");
        List<JsonNode> entries = new ArrayList<>();
        if (policies != null && !policies.isNull()) {
            if (policies.isArray()) {
                policies.forEach(entries::add);
            } else {
                entries.add(policies);
            }
        }
        if (!function && props.path("Tracing").path("Enabled").asBoolean(false)) {
            entries.add(com.fasterxml.jackson.databind.node.TextNode.valueOf("AWSXrayWriteOnlyAccess")); // SAM appends it
        }
        SamPolicyTemplates templates = SamPolicyTemplates.bundled();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String policyName = id + "RolePolicy" + i;
            if (e.isTextual()) {
                String policyArn = ManagedPolicies.arnOf(e.asText());
                if (!managed.contains(policyArn)) {
                    managed.add(policyArn);
                }
            } else if (e.isObject() && e.has("Statement")) {
                inline.put(policyName, e);
            } else if (templates.isTemplate(e)) {
                String template = e.fieldNames().next();
                try {
                    inline.put(policyName, run.resolve(templates.expand(template, e.get(template))));
                } catch (IllegalArgumentException ex) {
                    throw new DeployException("Resource with id [" + id + "] is invalid. " + ex.getMessage());
                }
            } else {
                throw new DeployException("Resource with id [" + id + "] is invalid. Policy at index " + i
                        + " in the 'Policies' property is not valid");
            }
        }
        define(id + "Role", name, arn, inline, managed, "SAM-generated execution role of " + id);
        return arn;
    }

    /** An {@code AWS::IAM::Role} of the template. */
    void role(String id, JsonNode r) {
        JsonNode props = run.resolve(r.path("Properties"));
        String name = run.physicalName(id);
        String arn = run.getAtt(id, "Arn").asText();
        Map<String, JsonNode> inline = new LinkedHashMap<>();
        for (JsonNode p : props.path("Policies")) {
            String policyName = p.path("PolicyName").asText(null);
            if (policyName == null || !p.has("PolicyDocument")) {
                throw new DeployException("each Policies entry needs PolicyName and PolicyDocument");
            }
            inline.put(policyName, p.get("PolicyDocument"));
        }
        List<String> managed = new ArrayList<>();
        props.path("ManagedPolicyArns").forEach(m -> managed.add(m.asText()));
        define(id, name, arn, inline, managed, "role");
    }

    private void define(String id, String name, String arn, Map<String, JsonNode> inline, List<String> managed, String what) {
        try {
            run.registry.access().defineRole(arn, inline, managed);
        } catch (AwsException e) {
            throw new DeployException("Role " + id + " (" + name + "): " + e.code() + ": " + e.getMessage(), e);
        }
        List<String> unknown = managed.stream().filter(m -> !ManagedPolicies.known(m)).toList();
        String detail = arn + " (" + what + ": " + inline.size() + " inline polic" + (inline.size() == 1 ? "y" : "ies")
                + ", " + managed.size() + " managed; its principals' calls are checked, see docs/iam.md"
                + (unknown.isEmpty() ? "" : "; managed " + unknown + " unknown to the local cloud, grant nothing here")
                + ")";
        run.report.add(new DeployReport.Entry(id, "AWS::IAM::Role", DeployReport.Status.DEPLOYED, name, detail));
    }
}
