package dev.gbo.cli;

import dev.gbo.testkit.AwsClients;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gbo preflight}: option parsing for {@link Preflight}. */
@Command(name = "preflight", mixinStandardHelpOptions = true, versionProvider = Version.class,
        header = "Check an account (AWS or local) before running the orchestrator there.",
        description = {"%nChecks identity, subnets, m9g/m8g offerings, compute environments, the job",
                "queue, job definitions and the image's linux/arm64 manifest; each failure",
                "says how to fix it. Exit 0 when every check passed, 1 otherwise.%n"})
final class PreflightCommand implements Callable<Integer> {
    private final Gbo gbo;

    @Mixin
    AwsOptions target;

    @Option(names = "--subnets", paramLabel = "SUBNET", split = ",",
            description = "The compute environments' subnets, comma-separated: subnet-a,subnet-b.")
    List<String> subnets = List.of();

    @Option(names = "--name-prefix", paramLabel = "P", defaultValue = "gbo",
            description = "The stack's NamePrefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--image", paramLabel = "IMG", description = "The job image: its ECR URI with account, region, repository and tag.")
    String image;

    PreflightCommand(Gbo gbo) {
        this.gbo = gbo;
    }

    @Override
    public Integer call() {
        List<String> ids = subnets.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        try (AwsClients aws = target.clients(gbo, "preflight")) {
            gbo.out.println("preflight against " + aws.target());
            List<Preflight.Check> checks = new Preflight(aws, ids, prefix, image).run();
            return Preflight.print(checks, gbo.out, gbo.terminal.stdout()) ? ExitCodes.OK : ExitCodes.FAILED_OTHER;
        }
    }
}
