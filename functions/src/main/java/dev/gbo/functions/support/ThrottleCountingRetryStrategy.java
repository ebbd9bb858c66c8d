package dev.gbo.functions.support;

import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The clients' retry strategy ({@link Clients#retryStrategy(boolean)}), unchanged, plus one {@code SdkThrottles}
 * count (dimension {@code Service}) for every attempt an AWS API answered with throttling
 * ({@link AwsFailures#isThrottling}): the SDK asks its strategy for a retry token after each failed attempt,
 * on the calling thread, so the count lands in the invocation's {@link Metrics}.
 */
final class ThrottleCountingRetryStrategy implements RetryStrategy {
    private final RetryStrategy delegate;
    private final String service;

    ThrottleCountingRetryStrategy(RetryStrategy delegate, String service) {
        this.delegate = delegate;
        this.service = service;
    }

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (request.failure() instanceof SdkServiceException e && AwsFailures.isThrottling(e)) {
            Metrics.count(Metrics.SDK_THROTTLES, 1, Metrics.dims(Metrics.SERVICE, service));
        }
        return delegate.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        return delegate.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return delegate.maxAttempts();
    }

    @Override
    public boolean useClientDefaults() {
        return delegate.useClientDefaults();
    }

    /** The delegate's builder: a strategy rebuilt from it no longer counts (gbo never rebuilds it). */
    @Override
    public Builder<?, ?> toBuilder() {
        return delegate.toBuilder();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
