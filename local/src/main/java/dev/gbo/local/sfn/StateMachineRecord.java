package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One revision of a state machine as the API stores it; UpdateStateMachine replaces the record. */
record StateMachineRecord(String arn, String name, String definition, Asl.Machine parsed, String roleArn, String type,
        Instant creationDate, Instant updateDate, String revisionId, JsonNode loggingConfiguration,
        JsonNode tracingConfiguration, String region, String accountId) {
}
