package dev.gbo.local.sfn;

import dev.gbo.local.sfn.Asl.*;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a Task state's {@code Resource}: a Lambda function ARN, or an
 * {@code arn:aws:states:::<service>:<action>[.waitForTaskToken|.sync|.sync:2]} integration ARN
 * (including {@code aws-sdk:<service>:<action>}) into an {@link Asl.Resource} with its
 * {@link Asl.Kind}, integration pattern and the resourceType/resourceName history events show.
 * Activities, unknown shapes and integration patterns a service does not support are reported as
 * definition errors.
 */
final class AslResources {

    private static final Pattern LAMBDA_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,140}(:[A-Za-z0-9$_-]+)?");
    private static final Pattern STATES_ARN = Pattern.compile("arn:aws[a-z-]*:states:([a-z0-9-]*):(\\d{12})?:(.+)");

    private AslResources() {
    }

    static Resource resource(String arn, StateDraft s, String at, List<String> errors) {
        if (LAMBDA_ARN.matcher(arn).matches()) {
            return new Resource(arn, Kind.LAMBDA_FUNCTION, "lambda", "invoke", "", "lambda", arn);
        }
        Matcher m = STATES_ARN.matcher(arn);
        if (!m.matches()) {
            errors.add("SCHEMA_VALIDATION_FAILED: The resource provided " + arn + " is not recognized. The value is not a "
                    + "valid resource ARN, or the resource is not available in this region. at " + at);
            return null;
        }
        String rest = m.group(3);
        if (rest.startsWith("activity:")) {
            errors.add("UNSUPPORTED_FEATURE: activities are not supported by the local Step Functions engine (state '"
                    + s.name + "', resource '" + arn + "') at " + at);
            return null;
        }
        String pattern = "";
        for (String p : new String[] {".waitForTaskToken", ".sync:2", ".sync"}) {
            if (rest.endsWith(p)) {
                pattern = p.substring(1);
                rest = rest.substring(0, rest.length() - p.length());
                break;
            }
        }
        String[] parts = rest.split(":");
        String service;
        String action;
        Kind kind;
        String resourceType;
        if (parts.length == 3 && parts[0].equals("aws-sdk")) {
            service = parts[1];
            action = parts[2];
            kind = Kind.AWS_SDK;
            resourceType = "aws-sdk:" + service;
            if (pattern.startsWith("sync")) {
                errors.add("SCHEMA_VALIDATION_FAILED: AWS SDK integrations do not support the .sync pattern (state '"
                        + s.name + "') at " + at);
            }
        } else if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            service = parts[0];
            action = parts[1];
            resourceType = service;
            if (service.equals("lambda") && action.equals("invoke")) {
                kind = Kind.LAMBDA_INVOKE;
                if (pattern.startsWith("sync")) {
                    errors.add("SCHEMA_VALIDATION_FAILED: lambda:invoke does not support the .sync pattern (state '"
                            + s.name + "') at " + at);
                }
            } else if (service.equals("batch") && action.equals("submitJob")) {
                kind = Kind.BATCH_SUBMIT;
            } else if (service.equals("events") && action.equals("putEvents")) {
                kind = Kind.EVENTS_PUT;
            } else if (service.equals("states") && action.equals("startExecution")) {
                kind = Kind.STATES_START;
            } else {
                kind = Kind.OTHER;
            }
        } else {
            errors.add("INVALID_RESOURCE: Invalid Resource '" + arn + "' (state '" + s.name + "') at " + at);
            return null;
        }
        String name = pattern.isEmpty() ? action : action + "." + pattern;
        return new Resource(arn, kind, service, action, pattern, resourceType, name);
    }
}
