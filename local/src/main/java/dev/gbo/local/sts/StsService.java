package dev.gbo.local.sts;

import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.OperationRegistry;

/** STS of the local cloud (query protocol): {@link GetCallerIdentity}, for the local account's dummy user. */
public final class StsService extends OperationRegistry {
    public static final String USER_NAME = "gbo-local";
    public static final String USER_ID = "AIDAGBOLOCALUSER00001";

    public StsService() {
        register(new GetCallerIdentity());
        shape("GetCallerIdentity", ""); // no members
    }

    @Override
    protected boolean textInput() {
        return true;
    }

    @Override
    public String signingName() {
        return "sts";
    }

    /** STS (query) refuses with HTTP 403 AccessDenied. */
    @Override
    public AwsException accessDenied(String message) {
        return new AwsException("AccessDenied", 403, message);
    }
}
