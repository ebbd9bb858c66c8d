package dev.gbo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gbo serve}: option parsing for {@link Serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Keep the local cloud up with the template deployed, for the AWS CLI and SDKs.",
        description = {"%nAn AWS-compatible endpoint with template.yaml deployed, until Ctrl-C, for",
                "the AWS CLI, the SDKs, gbo submit and gbo preflight. It prints the endpoint",
                "and sample commands. Its state is in memory only, lost when serve stops,",
                "unless --state-dir DIR keeps it.%n"})
final class ServeCommand implements Callable<Integer> {
    private final Gbo gbo;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "4566",
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--scenario", paramLabel = "FILE", description = "The world to simulate (default: scenarios/demo.json).")
    Path scenario;

    @Option(names = "--real-time", description = "Run the clock in real time instead of the virtual clock.")
    boolean realTime;

    @Option(names = "--speed", paramLabel = "X", description = "Real time sped up X times, e.g. 60 (implies --real-time).")
    Double speed;

    @Mixin
    IamOption iam;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Keep the state in DIR, durable across kill -9 (docs/local-cloud.md, Durability). "
                    + "Without it the state is in memory only and lost when serve stops.")
    Path stateDir;

    ServeCommand(Gbo gbo) {
        this.gbo = gbo;
    }

    @Override
    public Integer call() throws Exception {
        Checks.range("serve", "--port", port, 0, 65535);
        Checks.readableFile("serve", "--scenario", scenario);
        if (stateDir != null && Files.exists(stateDir) && !Files.isDirectory(stateDir)) {
            throw new UsageException("serve: --state-dir " + stateDir + " is a file; give a directory (it is created when missing)");
        }
        if (speed != null && !(speed > 0)) {
            throw new UsageException("serve: --speed must be > 0, e.g. 1 or 60, got " + speed);
        }
        return new Serve(gbo.home, port, scenario == null ? gbo.home.resolve("scenarios/demo.json") : scenario,
                realTime || speed != null, speed == null ? 1.0 : speed, iam.enforced(), gbo.out).stateDir(stateDir).run();
    }
}
