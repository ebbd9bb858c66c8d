package dev.gbo.local.lambda;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * One deployment of a function: what {@link LambdaService#deploy} was given. Redeploying makes a new
 * one; the {@link LambdaStore} tells deployments apart by identity, so the warm instances of a
 * replaced deployment are dropped.
 */
record LambdaFunction(String name, String handler, Map<String, String> environment, int memoryMb, int timeoutSeconds,
        Instant lastModified) {

    LambdaFunction {
        environment = Map.copyOf(environment);
    }

    String codeSha256() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(handler.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (Exception e) {
            return HexFormat.of().formatHex(handler.getBytes(StandardCharsets.UTF_8));
        }
    }
}
