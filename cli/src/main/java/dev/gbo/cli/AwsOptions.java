package dev.gbo.cli;

import dev.gbo.testkit.AwsClients;
import picocli.CommandLine.Option;

/** The target of the commands that talk to AWS (preflight, submit), resolved as the AWS CLI does (AwsClients.fromChain). */
final class AwsOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Profile for credentials and region (default: AWS_PROFILE, else default), read from the AWS CLI's "
                    + "config and credentials files (or AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region).")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Endpoint such as http://127.0.0.1:4566 of gbo serve (default: AWS_ENDPOINT_URL_<SERVICE>, "
                    + "else AWS_ENDPOINT_URL, else AWS), with dummy credentials when none are configured.")
    String endpoint;

    /** The clients for this target; a bad option or profile is a usage error naming it. Prints the target's notice. */
    AwsClients clients(Gbo gbo, String command) {
        try {
            AwsClients aws = AwsClients.fromChain(profile, region, endpoint, gbo.env);
            if (aws.notice() != null) {
                gbo.err.println("gbo " + command + ": " + aws.notice());
            }
            return aws;
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + e.getMessage());
        }
    }
}
