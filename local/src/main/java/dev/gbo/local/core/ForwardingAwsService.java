package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;

/**
 * An {@link AwsService} that forwards every method to another one; a wrapper (the endpoint's view from the
 * wire, a durable cloud's acknowledgements) overrides only what it adds. Forwarding all of them matters: a
 * wrapper that kept a default ({@link #access}, {@link #accessDenied}, {@link #iamPrefix}) would silently change
 * what IAM authorizes and how a refusal looks. {@code ForwardingAwsServiceTest} fails when a method of
 * {@link AwsService} is not forwarded here.
 */
public abstract class ForwardingAwsService implements AwsService {
    protected final AwsService delegate;

    protected ForwardingAwsService(AwsService delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String signingName() {
        return delegate.signingName();
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        return delegate.call(operation, input, context);
    }

    @Override
    public Collection<Operation> operations() {
        return delegate.operations();
    }

    @Override
    public String targetPrefix() {
        return delegate.targetPrefix();
    }

    @Override
    public String iamPrefix() {
        return delegate.iamPrefix();
    }

    @Override
    public List<Access> access(String operation, JsonNode input, RequestContext context) {
        return delegate.access(operation, input, context);
    }

    @Override
    public AwsException accessDenied(String message) {
        return delegate.accessDenied(message);
    }
}
