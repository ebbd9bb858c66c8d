package dev.gbo.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.gbo.functions.errors.GboException;
import dev.gbo.functions.state.StateJson;
import dev.gbo.functions.support.Failures;
import dev.gbo.functions.support.Log;
import dev.gbo.functions.support.Metrics;
import dev.gbo.model.support.Json;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/**
 * Raw JSON in, raw JSON out (docs/contracts.md, "Handlers"): the input is bound once into {@code I} (a record of
 * the state, or the raw {@code JsonNode} of an event; {@link StateJson}), the output {@code O} is serialized.
 * Plus the SnapStart hooks: subclasses call {@link #registerForSnapStart()} at the end of their constructor and
 * implement {@link #prime()}. Failures are thrown so Lambda reports the exception's class name as
 * {@code errorType}; every failure is first translated into one of gbo's documented classes ({@link Failures}).
 * Each invocation records its metrics ({@link Metrics}: {@code FunctionErrors} by failure class here) and flushes
 * them as EMF lines when it ends.
 */
public abstract class JsonStreamHandler<I, O> implements RequestStreamHandler, Resource {
    private final Class<I> inputType;

    protected JsonStreamHandler(Class<I> inputType) {
        this.inputType = inputType;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        O result;
        Metrics.begin(getClass().getSimpleName());
        try {
            result = handle(StateJson.bind(Json.read(input), inputType));
        } catch (RuntimeException e) {
            GboException failure = Failures.translate(e);
            Metrics.count(Metrics.FUNCTION_ERRORS, 1, Metrics.dims(Metrics.FAILURE_CLASS, failure.errorName()));
            if (failure == e) {
                Log.warn("handler.failed", "handler", getClass().getSimpleName(), "error", failure.errorName(),
                        "message", failure.getMessage());
            } else {
                Log.error("handler.error", "handler", getClass().getSimpleName(), "error", failure.errorName(),
                        "exception", e.getClass().getName(), "message", String.valueOf(e.getMessage()));
            }
            throw failure;
        } finally {
            Metrics.end(); // flush at the end of each invocation, failed or not
        }
        Json.write(output, result);
    }

    /** The handler's work; the return value is serialized as the output. */
    abstract O handle(I input);

    /** Runs the hot path with calls that change nothing. Must tolerate failures (see Priming.step). */
    abstract void prime();

    final void registerForSnapStart() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long start = System.nanoTime();
        try {
            prime();
        } catch (RuntimeException e) {
            Log.warn("prime.failed", "handler", getClass().getSimpleName(), "exception", e.getClass().getSimpleName());
        }
        Log.info("prime.done", "handler", getClass().getSimpleName(), "millis", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        Log.info("snapstart.restored", "handler", getClass().getSimpleName());
    }
}
