package dev.gbo.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.Scenario;
import dev.gbo.local.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local cloud per test class, started before its first test and closed after its last, with
 * every event its services emit recorded. Replaces the start/stop pairs test classes used to repeat:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalCloudExtension CLOUD = LocalCloudExtension.scenario("happy-m9g").clock(SimClock.Mode.MANUAL);
 *
 * @Test
 * void something() {
 *     URI endpoint = CLOUD.cloud().endpoint();
 * }
 * }</pre>
 *
 * Scenario names resolve against {@code scenarios/} of the repository (the module's parent
 * directory, or the working directory when it holds {@code scenarios/}).
 */
public final class LocalCloudExtension implements BeforeAllCallback, AfterAllCallback {
    private final java.util.function.Supplier<Scenario> scenarioSource;
    private SimClock.Mode mode = SimClock.Mode.VIRTUAL;
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
    private LocalCloud cloud;
    private Scenario scenario;
    private final List<ObjectNode> emitted = new CopyOnWriteArrayList<>();

    private LocalCloudExtension(java.util.function.Supplier<Scenario> scenarioSource) {
        this.scenarioSource = scenarioSource;
    }

    /** {@code scenarios/<name>.json} of the repository. */
    public static LocalCloudExtension scenario(String name) {
        return scenarioFile(scenariosDirectory().resolve(name + ".json"));
    }

    public static LocalCloudExtension scenarioFile(Path file) {
        return new LocalCloudExtension(() -> ScenarioLoader.load(file));
    }

    /** A scenario written for the test, in the format of docs/scenarios.md. */
    public static LocalCloudExtension scenarioJson(String json) {
        return new LocalCloudExtension(() -> ScenarioLoader.parse(json, "the test's scenario"));
    }

    /** Closes {@code resource} (an SDK client, say) after the class's last test, before the cloud; returns it. */
    public <T extends AutoCloseable> T closeAfterAll(T resource) {
        closeables.add(resource);
        return resource;
    }

    /** The clock mode (VIRTUAL unless set). */
    public LocalCloudExtension clock(SimClock.Mode clockMode) {
        this.mode = clockMode;
        return this;
    }

    /** The repository's {@code scenarios/} directory, seen from a module's or the repository's directory. */
    public static Path scenariosDirectory() {
        Path here = Path.of("scenarios");
        return here.toFile().isDirectory() ? here : Path.of("..", "scenarios");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scenario = scenarioSource.get();
        cloud = LocalCloud.builder().port(0).scenario(scenario).clock(mode).build().start();
        cloud.services().addEventListener((bus, event) -> emitted.add(event));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        closeables.clear();
        if (cloud != null) {
            cloud.close();
            cloud = null;
        }
        emitted.clear();
    }

    /** The running cloud; only between the class's first and last test. */
    public LocalCloud cloud() {
        if (cloud == null) {
            throw new IllegalStateException("the local cloud runs only while the test class runs; register the"
                    + " extension as a static @RegisterExtension field");
        }
        return cloud;
    }

    public Scenario loadedScenario() {
        cloud();
        return scenario;
    }

    /** Every event a service of the cloud emitted so far (Batch job state changes, Step Functions putEvents, ...). */
    public List<ObjectNode> emitted() {
        return emitted;
    }
}
