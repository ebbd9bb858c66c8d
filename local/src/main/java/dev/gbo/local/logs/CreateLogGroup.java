package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.regex.Pattern;
import dev.gbo.local.core.Access;
import java.util.List;

/** CloudWatch Logs CreateLogGroup. */
final class CreateLogGroup implements Operation {
    private final LogsStore store;

    CreateLogGroup(LogsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "CreateLogGroup";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return LogsAccess.on(action, in, c, null);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String name = Json.requireText(input, "logGroupName", "InvalidParameterException");
        if (!GROUP_NAME.matcher(name).matches()) {
            throw LogsService.invalid("1 validation error detected: Value '" + name + "' at 'logGroupName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        store.createGroup(name);
        return Json.object();
    }

    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");
}
