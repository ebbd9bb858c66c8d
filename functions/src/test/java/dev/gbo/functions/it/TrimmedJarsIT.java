package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.functions.it.LocalCloudIT.Fixture;
import dev.gbo.model.support.Json;
import dev.gbo.testkit.LocalCloudExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SDK service modules trimmed to the operations gbo calls (functions/pom.xml, sdk-trim/shade-includes.py) work
 * from the built jars alone: each jar is loaded in its own class loader (no test classpath, bytecode verification on),
 * and its clients call the local cloud, error paths included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrimmedJarsIT {
    @RegisterExtension
    static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("demo");
    Fixture fx;

    @BeforeAll
    void start() {
        fx = new Fixture(CLOUD);
    }

    /** gbo-capacity.jar: EC2 trimmed to DescribeSubnets, DescribeInstanceTypeOfferings and DescribeInstanceTypes. */
    @Test
    void capacityJar_primesPlansAndReportsBadSubnets_fromTheJarAlone() throws Exception {
        try (URLClassLoader loader = jarLoader("gbo-capacity.jar")) {
            Class<?> type = loader.loadClass("dev.gbo.functions.CapacityHandler");
            assertThat(type.getClassLoader()).isSameAs(loader);
            Object handler = type.getConstructor(Map.class).newInstance(fx.env("gbo"));
            // SnapStart priming (DescribeInstanceTypes) through the public CRaC hook
            type.getMethod("beforeCheckpoint", loader.loadClass("org.crac.Context")).invoke(handler, (Object) null);

            JsonNode capacity = invoke(loader, handler, Fixture.state(fx.request("capacity-demo")));
            assertThat(capacity.get("family").asText()).isEqualTo("m8g");
            assertThat(capacity.get("skipped").get(0).get("family").asText()).isEqualTo("m9g");

            Map<String, String> env = new HashMap<>(fx.env("gbo"));
            env.put("SUBNET_IDS", "subnet-00000000000000000");
            Object refused = type.getConstructor(Map.class).newInstance(env);
            try {
                invoke(loader, refused, Fixture.state(fx.request("capacity-bad-subnet")));
                throw new AssertionError("an unknown subnet was accepted");
            } catch (InvocationTargetException e) {
                // EC2's error response unmarshalled by the trimmed query protocol, translated by the handler
                assertThat(e.getCause().getClass().getName()).startsWith("dev.gbo.functions.errors.");
                assertThat(e.getCause().getMessage()).contains("SUBNET_IDS");
            }
        }
    }

    /** gbo-functions.jar: CloudWatch Logs trimmed to GetLogEvents, EventBridge to PutEvents. */
    @Test
    void functionsJar_trimmedLogsAndEventBridgeClients_callTheCloud() throws Throwable {
        try (URLClassLoader loader = jarLoader("gbo-functions.jar")) {
            Class<?> clients = loader.loadClass("dev.gbo.functions.support.Clients");
            Object wiring = clients.getConstructor(Map.class).newInstance(fx.env("gbo"));

            String logs = "software.amazon.awssdk.services.cloudwatchlogs.";
            // a method handle resolves this one method; Class.getMethod would load every signature of Clients,
            // Ec2Client's included, which the functions jar rightly lacks
            Object logsClient = MethodHandles.publicLookup().findVirtual(clients, "logs",
                    MethodType.methodType(loader.loadClass(logs + "CloudWatchLogsClient"))).invoke(wiring);
            Object getLogEvents = build(loader, logs + "model.GetLogEventsRequest",
                    "logGroupName", "/aws/batch/job", "logStreamName", "gbo/does-not-exist/0");
            try {
                call(loader, logs + "CloudWatchLogsClient", "getLogEvents", logsClient, getLogEvents);
                throw new AssertionError("a missing log stream was read");
            } catch (RuntimeException e) {
                assertThat(e.getClass().getName()).isEqualTo(logs + "model.ResourceNotFoundException");
            }

            String events = "software.amazon.awssdk.services.eventbridge.";
            Object eventsClient = MethodHandles.publicLookup().findVirtual(clients, "eventBridge",
                    MethodType.methodType(loader.loadClass(events + "EventBridgeClient"))).invoke(wiring);
            Object entry = build(loader, events + "model.PutEventsRequestEntry",
                    "source", "gbo.it", "detailType", "Trimmed Jar", "detail", "{\"ok\":true}", "eventBusName", "default");
            Object put = build(loader, events + "model.PutEventsRequest", "entries", List.of(entry));
            Object response = call(loader, events + "EventBridgeClient", "putEvents", eventsClient, put);
            assertThat(response.getClass().getMethod("failedEntryCount").invoke(response)).isEqualTo(0);
        }
    }

    /** {@code client.operation(request)}: a method handle resolves this one method (Class.getMethod would load every
     *  operation's response class, which a trimmed model rightly lacks). */
    private static Object call(ClassLoader loader, String clientType, String operation, Object client, Object request)
            throws Throwable {
        Class<?> requestType = request.getClass();
        Class<?> responseType = loader.loadClass(requestType.getName().replaceAll("Request$", "Response"));
        return MethodHandles.publicLookup().findVirtual(loader.loadClass(clientType), operation,
                MethodType.methodType(responseType, requestType)).invoke(client, request);
    }

    private static URLClassLoader jarLoader(String artifact) throws Exception {
        Path jar = Path.of("target", artifact);
        assertThat(jar).exists();
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static JsonNode invoke(ClassLoader loader, Object handler, JsonNode input) throws Exception {
        Method handle = handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class,
                loader.loadClass("com.amazonaws.services.lambda.runtime.Context"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(handler, new ByteArrayInputStream(Json.toJson(input).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    /** {@code Type.builder().name(value)...build()} by reflection, on the jar's own classes. */
    private static Object build(ClassLoader loader, String type, Object... nameValues) throws Exception {
        Class<?> builderType = loader.loadClass(type + "$Builder");
        Object builder = loader.loadClass(type).getMethod("builder").invoke(null);
        for (int i = 0; i < nameValues.length; i += 2) {
            Object value = nameValues[i + 1];
            Class<?> parameter = value instanceof List ? java.util.Collection.class : String.class;
            builderType.getMethod((String) nameValues[i], parameter).invoke(builder, value);
        }
        return builderType.getMethod("build").invoke(builder);
    }
}
