package dev.gbo.model.verify;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.errors.ErrorName;
import dev.gbo.model.support.Json;
import java.util.List;

/**
 * The verdict on one terminal job (docs/contracts.md, "Verdict"). A success goes to SendTaskSuccess
 * (or is ReconcileHandler's output); a failure carries the short {@code error} name and an actionable
 * {@code cause} for SendTaskFailure (or ReconcileHandler's exception).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(
        String jobId,
        String jobName,
        String jobArn,
        String jobQueue,
        String status,
        Integer exitCode,
        int attempts,
        List<String> attemptClasses,
        String architecture,
        String logStream,
        String family,
        List<String> verified,
        String requestId,
        Integer attempt,
        String failureClass,
        String error,
        String cause) {

    public static final int MAX_CAUSE = 32_768;

    public Verdict {
        attemptClasses = List.copyOf(attemptClasses);
        verified = List.copyOf(verified);
        if (cause != null && cause.length() > MAX_CAUSE) {
            cause = cause.substring(0, MAX_CAUSE - 3) + "...";
        }
    }

    @JsonIgnore
    public boolean succeeded() {
        return error == null;
    }

    /** The error name of a failed verdict, empty for a success. */
    @JsonIgnore
    public java.util.Optional<ErrorName> errorName() {
        return ErrorName.parse(error);
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }
}
