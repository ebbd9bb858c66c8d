package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * gbo-normalize.jar (built by the package phase) holds no AWS SDK class (only the EMF library under software/amazon)
 * and still works on its own: NormalizeHandler
 * is loaded from that jar alone (no test classpath) and normalises a console trigger, and refuses a bad one as
 * {@code dev.gbo.functions.errors.InvalidRequest}.
 */
class NormalizeJarIT {
    private static final Path JAR = Path.of("target", "gbo-normalize.jar");

    @Test
    void normalizeJar_holdsNoSdkClass_andNormalizesAlone() throws Exception {
        assertThat(JAR).exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            // software.amazon.* is the AWS SDK, except the EMF library (software/amazon/cloudwatchlogs/emf: not the SDK,
            // it writes the functions' metrics to stdout; docs/metrics.md) and the directories that hold it
            List<String> sdk = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("software/amazon/"))
                    .filter(n -> !n.startsWith("software/amazon/cloudwatchlogs/emf/"))
                    .filter(n -> !n.equals("software/amazon/") && !n.equals("software/amazon/cloudwatchlogs/")).toList();
            assertThat(sdk).isEmpty();
            assertThat(jar.getEntry("dev/gbo/model/request/RequestNormalizer.class")).isNotNull();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = loader.loadClass("dev.gbo.functions.NormalizeHandler");
            Object handler = type.getConstructor(Map.class).newInstance(Map.of());
            var handle = type.getMethod("handleRequest", java.io.InputStream.class, java.io.OutputStream.class,
                    loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handle.invoke(handler, input("""
                    {"trigger": {"name": "jar", "image": "python:3.12-slim", "command": ["true"]}, "executionName": "e1"}"""), out, null);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"requestId\":\"exec-e1\"");

            try {
                handle.invoke(handler, input("{\"trigger\": {\"vcpus\": 0}, \"executionName\": \"e2\"}"), new ByteArrayOutputStream(), null);
                throw new AssertionError("a bad trigger was accepted");
            } catch (InvocationTargetException e) {
                assertThat(e.getCause().getClass().getName()).isEqualTo("dev.gbo.functions.errors.InvalidRequest");
            }
        }
        assertThat(Files.size(JAR)).isLessThan(8L * 1024 * 1024);
    }

    private static ByteArrayInputStream input(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
