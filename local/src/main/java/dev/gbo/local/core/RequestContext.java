package dev.gbo.local.core;

/** Facts about one request that services may need: region and account of the caller, a request id. */
public record RequestContext(String region, String accountId, String requestId) {
}
