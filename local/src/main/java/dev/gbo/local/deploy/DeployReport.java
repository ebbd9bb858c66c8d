package dev.gbo.local.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TemplateDeployer} did with each resource of the template: DEPLOYED (with the local
 * physical id / ARN), NOT_SIMULATED (with the reason) or SKIPPED (its Condition is false), plus the
 * stack's Outputs. Nothing is left out silently.
 */
public record DeployReport(String stackName, List<Entry> resources, Map<String, String> outputs) {

    public enum Status { DEPLOYED, NOT_SIMULATED, SKIPPED }

    /**
     * @param logicalId the template's logical id (SAM-generated resources: e.g. {@code FnEventName})
     * @param type the resource type
     * @param physicalId the local name, ARN or URL ({@code Ref}); for NOT_SIMULATED the id other resources see
     * @param detail ARN for DEPLOYED, the reason otherwise
     */
    public record Entry(String logicalId, String type, Status status, String physicalId, String detail) {
    }

    public DeployReport {
        resources = List.copyOf(resources);
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public Entry entry(String logicalId) {
        return resources.stream().filter(e -> e.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no resource " + logicalId + " in the report"));
    }

    public List<Entry> withStatus(Status status) {
        return resources.stream().filter(e -> e.status() == status).toList();
    }

    /** One line per resource: {@code LogicalId  Type  -> arn} or {@code -> not simulated: reason}. */
    public String format() {
        int w = resources.stream().mapToInt(e -> e.logicalId().length()).max().orElse(10);
        int t = resources.stream().mapToInt(e -> e.type().length()).max().orElse(10);
        StringBuilder b = new StringBuilder("Stack ").append(stackName).append('\n');
        for (Entry e : resources) {
            b.append(String.format("  %-" + w + "s  %-" + t + "s  -> ", e.logicalId(), e.type()));
            switch (e.status()) {
                case DEPLOYED -> b.append(e.detail());
                case NOT_SIMULATED -> b.append("not simulated: ").append(e.detail());
                case SKIPPED -> b.append("skipped: ").append(e.detail());
            }
            b.append('\n');
        }
        if (!outputs.isEmpty()) {
            b.append("Outputs\n");
            outputs.forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
