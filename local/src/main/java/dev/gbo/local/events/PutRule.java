package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.event.ruler.Machine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** EventBridge PutRule: an event pattern (compiled by AWS's event-ruler) or a rate()/cron() schedule on the default bus. */
final class PutRule implements Operation {
    private final EventBridgeStore store;

    PutRule(EventBridgeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "PutRule";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return EventsAccess.rule(action, in, c, "Name");
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "Name", "ValidationException");
        if (!name.matches("[.\\-_A-Za-z0-9]{1,64}")) {
            throw AwsException.validation("1 validation error detected: Value '" + name
                    + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                    + " [\\.\\-_A-Za-z0-9]+ and have length less than or equal to 64");
        }
        String busName = EventBridgeStore.busName(input, "EventBusName");
        store.requireBus(busName);
        String pattern = Json.text(input, "EventPattern", null);
        String schedule = Json.text(input, "ScheduleExpression", null);
        if (pattern == null && schedule == null) {
            throw AwsException.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        Machine machine = pattern == null ? null : EventRouter.compile(pattern);
        Schedule parsed = null;
        if (schedule != null) {
            if (!EventBridgeStore.DEFAULT_BUS.equals(busName)) {
                throw AwsException.validation("ScheduleExpression is supported only on the default event bus.");
            }
            parsed = Schedule.parse(schedule);
        }
        String state = Json.text(input, "State", "ENABLED");
        EventBridgeStore.RuleState ruleState;
        try {
            ruleState = EventBridgeStore.RuleState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw AwsException.validation("1 validation error detected: Value '" + state
                    + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
        }
        String arn = store.putRule(busName, new EventBridgeStore.RuleDefinition(name, pattern, machine, schedule, parsed,
                ruleState, Json.text(input, "Description", null), Json.text(input, "RoleArn", null)));
        ObjectNode out = Json.object();
        out.put("RuleArn", arn);
        return out;
    }
}
