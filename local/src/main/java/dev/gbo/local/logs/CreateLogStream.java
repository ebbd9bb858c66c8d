package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.regex.Pattern;
import dev.gbo.local.core.Access;
import java.util.List;

/** CloudWatch Logs CreateLogStream. */
final class CreateLogStream implements Operation {
    private final LogsStore store;

    CreateLogStream(LogsStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "CreateLogStream";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        return LogsAccess.on(action, in, c, null);
    }

    @Override
    public JsonNode call(JsonNode input, RequestContext context) {
        String group = LogsStore.groupName(input);
        store.require(group, null);
        String name = Json.requireText(input, "logStreamName", "InvalidParameterException");
        if (!STREAM_NAME.matcher(name).matches()) {
            throw LogsService.invalid("1 validation error detected: Value '" + name + "' at 'logStreamName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [^:*]*");
        }
        store.createStream(group, name);
        return Json.object();
    }

    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]{1,512}");
}
