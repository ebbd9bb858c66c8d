package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * The ARNs CloudWatch Logs' actions are authorized on: a log stream's
 * {@code arn:aws:logs:R:A:log-group:GROUP:log-stream:STREAM} (PutLogEvents, GetLogEvents), and for the actions
 * on a log group as a whole the same form with an empty stream ({@code log-group:GROUP:log-stream:}), which is
 * what IAM names in Logs' refusals and what a grant on the group's {@code Arn} ({@code log-group:GROUP:*})
 * matches; DescribeLogGroups is {@code log-group::log-stream:}.
 */
final class LogsAccess {

    private LogsAccess() {
    }

    /** The action on the log group (and stream, when {@code streamMember} is given) that {@code in} names. */
    static List<Access> on(String action, JsonNode in, RequestContext c, String streamMember) {
        String group;
        try {
            group = LogsStore.groupName(in);
        } catch (RuntimeException missing) {
            return List.of(); // validation refuses it
        }
        String stream = streamMember == null ? "" : in.path(streamMember).asText("");
        return List.of(Access.of(action, "arn:aws:logs:" + c.region() + ":" + c.accountId() + ":log-group:" + group
                + ":log-stream:" + stream));
    }
}
