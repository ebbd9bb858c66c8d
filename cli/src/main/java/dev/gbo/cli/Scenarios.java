package dev.gbo.cli;

import dev.gbo.local.scenario.Scenario;
import dev.gbo.testkit.LocalDeployment;
import java.nio.file.Path;

/** Scenario files named on the command line: a malformed one is a usage error that says what is wrong. */
final class Scenarios {
    private Scenarios() {
    }

    static Scenario load(Path file) {
        try {
            return LocalDeployment.loadScenario(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
