package dev.gbo.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.gbo.functions.support.Config;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Runs in a fresh JVM (started by {@code dev.gbo.bench.ColdStartBench}): constructs one handler and
 * invokes it once against the endpoint in AWS_ENDPOINT_URL, then prints one line of figures.
 *
 * <p>Modes: {@code lean} is the project's way (the handler's public environment constructor:
 * URLConnection client, explicit region and credentials). {@code naive} builds the same handler
 * with default client builders (HTTP client, region and credentials found by the SDK's default
 * chains; Apache and Netty on the classpath), through its package-private constructor.
 *
 * <p>Usage: {@code ColdStartProbe <HandlerSimpleName> <lean|naive> <payload file>}. Environment:
 * the function's variables plus AWS_REGION, AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
 */
public final class ColdStartProbe {

    public static void main(String[] args) throws Exception {
        long mainStart = System.nanoTime();
        String handlerName = args[0];
        String mode = args[1];
        byte[] payload = Files.readAllBytes(Path.of(args[2]));
        Map<String, String> env = new HashMap<>(System.getenv());
        Class<?> type = Class.forName("dev.gbo.functions." + handlerName);

        long t0 = System.nanoTime();
        RequestStreamHandler handler = "naive".equals(mode) ? naive(type, env)
                : (RequestStreamHandler) type.getConstructor(Map.class).newInstance(env);
        long t1 = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String outcome = "ok";
        try {
            // gbo's handlers read nothing from the Context (as the functions' own tests show, passing none)
            handler.handleRequest(new ByteArrayInputStream(payload), out, null);
        } catch (RuntimeException e) {
            outcome = "threw " + e.getClass().getSimpleName();
        }
        long t2 = System.nanoTime();
        long jvmUptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime() - (t2 - mainStart) / 1_000_000;
        System.out.printf("PROBE handler=%s mode=%s jvmStartMs=%d constructMs=%.1f firstInvokeMs=%.1f outcome=%s%n",
                handlerName, mode, jvmUptimeAtMain, (t1 - t0) / 1e6, (t2 - t1) / 1e6, outcome.replace(' ', '_'));
        System.exit(0);
    }

    /** The handler built the naive way: default client builders, then the package-private constructor. */
    private static RequestStreamHandler naive(Class<?> type, Map<String, String> env) throws Exception {
        URI endpoint = URI.create(env.get("AWS_ENDPOINT_URL"));
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (Modifier.isPublic(c.getModifiers()) || Modifier.isPrivate(c.getModifiers())) {
                continue;
            }
            Class<?>[] params = c.getParameterTypes();
            Object[] values = new Object[params.length];
            boolean usable = true;
            for (int i = 0; i < params.length; i++) {
                Class<?> p = params[i];
                if (p == Ec2Client.class) {
                    values[i] = Ec2Client.builder().endpointOverride(endpoint).build();
                } else if (p == BatchClient.class) {
                    values[i] = BatchClient.builder().endpointOverride(endpoint).build();
                } else if (p == SfnClient.class) {
                    values[i] = SfnClient.builder().endpointOverride(endpoint).build();
                } else if (p == CloudWatchLogsClient.class) {
                    values[i] = CloudWatchLogsClient.builder().endpointOverride(endpoint).build();
                } else if (p == EventBridgeClient.class) {
                    values[i] = EventBridgeClient.builder().endpointOverride(endpoint).build();
                } else if (p == Config.class) {
                    values[i] = Config.from(env);
                } else {
                    usable = false;
                }
            }
            if (usable) {
                c.setAccessible(true);
                return (RequestStreamHandler) c.newInstance(values);
            }
        }
        // No client to build (NormalizeHandler): the naive variant differs only by its classpath.
        return (RequestStreamHandler) type.getConstructor(Map.class).newInstance(env);
    }
}
