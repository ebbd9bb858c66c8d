package dev.gbo.functions.support;

import dev.gbo.model.errors.ConfigurationError;
import dev.gbo.functions.errors.ConfigurationInvalid;
import dev.gbo.functions.errors.GboException;
import dev.gbo.functions.errors.UnexpectedError;
import dev.gbo.model.errors.GboError;

/**
 * Turns whatever a handler throws into one of gbo's documented failure classes, so that no execution
 * ever ends with a Java class name as its error (README, "Failure classes"; docs/contracts.md):
 * <ul>
 *   <li>a {@link GboException} stays as it is; a model {@link GboError} becomes the exception class of its name;</li>
 *   <li>an AWS SDK exception goes to {@link AwsFailures}: {@code Throttled}, {@code AwsServiceError} or
 *       {@code AwsRequestRejected};</li>
 *   <li>a missing or malformed environment variable ({@link ConfigurationError}) -&gt; {@code ConfigurationInvalid};</li>
 *   <li>anything else -&gt; {@code UnexpectedError}, naming the original exception in the message.</li>
 * </ul>
 * This class refers to no SDK type, so the SDK-free gbo-normalize.jar can use it.
 */
public final class Failures {
    private static final String SDK_EXCEPTION = "software.amazon.awssdk.core.exception.SdkException";

    private Failures() {
    }

    public static GboException translate(RuntimeException e) {
        if (e instanceof GboException g) {
            return g;
        }
        if (e instanceof GboError g) {
            return GboException.of(g.errorName(), g.getMessage(), g);
        }
        if (e instanceof ConfigurationError) {
            return new ConfigurationInvalid(e.getMessage() + ". Fix the function's environment in template.yaml"
                    + " (or the deployment parameter behind it) and redeploy", e);
        }
        if (isSdkException(e)) {
            return AwsFailures.translate(e);
        }
        return unexpected(e);
    }

    static UnexpectedError unexpected(RuntimeException e) {
        return new UnexpectedError("unexpected " + e.getClass().getName() + ": " + e.getMessage()
                + ". This is a bug in gbo: report it with the execution history", e);
    }

    /** True when {@code e} is an AWS SDK exception; checked by name so that this class loads without the SDK. */
    static boolean isSdkException(Throwable e) {
        for (Class<?> c = e.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(SDK_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }
}
