package dev.gbo.cli;

import dev.gbo.local.scenario.Scenario;
import dev.gbo.testkit.LocalDeployment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code gbo serve}: the local cloud with the template deployed, until Ctrl-C. */
final class Serve {
    private final Path home;
    private final int port;
    private final Path scenarioFile;
    private final boolean realTime;
    private final double speed;
    private final boolean iam;
    private final PrintStream out;
    private Path stateDir;

    /** Durable in {@code dir} (null: in memory). */
    Serve stateDir(Path dir) {
        this.stateDir = dir;
        return this;
    }

    Serve(Path home, int port, Path scenarioFile, boolean realTime, double speed, PrintStream out) {
        this(home, port, scenarioFile, realTime, speed, true, out);
    }

    Serve(Path home, int port, Path scenarioFile, boolean realTime, double speed, boolean iam, PrintStream out) {
        this.iam = iam;
        this.home = home;
        this.port = port;
        this.scenarioFile = scenarioFile;
        this.realTime = realTime;
        this.speed = speed;
        this.out = out;
    }

    int run() throws InterruptedException {
        LocalDeployment local = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\ngbo serve: stopping");
            local.close();
            stopped.countDown();
        }, "gbo-serve-stop"));
        out.println("Ctrl-C stops it.");
        stopped.await();
        return ExitCodes.OK;
    }

    /** Starts the cloud with the template deployed and prints the endpoint and sample commands. */
    LocalDeployment start() {
        Scenario scenario = Scenarios.load(scenarioFile);
        LocalDeployment local = LocalDeployment.start(home, scenario, port, realTime ? speed : null, null, "", iam, stateDir);
        String url = local.cloud().endpoint().toString();
        out.printf("gbo serve: local cloud at %s (region %s, account %s), scenario '%s', %s clock%n", url,
                local.cloud().region(), local.cloud().accountId(), scenario.name(),
                realTime ? "real-time x" + speed : "virtual");
        var durability = local.cloud().durability();
        if (durability.enabled()) {
            var resumed = local.cloud().resumeInFlight();
            out.printf("gbo serve: state is durable in %s (run %d): resumed %d executions, %d Batch jobs, %d event deliveries%n",
                    durability.dir().toAbsolutePath(), durability.generation(), resumed.executions(), resumed.jobs(),
                    resumed.deliveries());
        } else {
            out.println("gbo serve: state is in memory only: it is lost when serve stops (--state-dir DIR keeps it)");
        }
        out.print(local.report().format());
        out.println();
        out.println("Console: " + dev.gbo.cli.console.Console.install(local, home, new ConsoleTimeline(local)) + " (open it in a browser)");
        out.println("Try (any credentials work; AWS CLI v2):");
        out.println("  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=" + local.cloud().region());
        out.println("  aws --endpoint-url " + url + " stepfunctions start-execution --state-machine-arn "
                + local.stateMachineArn() + " --input file://events/console-input.json");
        out.println("  aws --endpoint-url " + url + " batch describe-jobs --jobs <job id>");
        out.println("  aws --endpoint-url " + url + " ec2 describe-instance-type-offerings --location-type availability-zone "
                + "--filters Name=instance-type,Values=m9g.*");
        out.println("  ./gbo submit --endpoint " + url + " --event events/console-input.json --wait");
        out.println("  ./gbo preflight --endpoint " + url + " --subnets "
                + String.join(",", scenario.subnets().stream().map(Scenario.Subnet::subnetId).toList())
                + " --image " + local.parameters().get("JobImage"));
        out.println();
        return local;
    }
}
