package dev.gbo.cli;

import picocli.CommandLine.Option;

/** {@code --no-iam}: the commands that start a local cloud enforce the template's IAM policies unless told not to. */
final class IamOption {
    @Option(names = "--no-iam",
            description = "Switch IAM off (docs/iam.md): allow every call of the deployed functions and state machine. "
                    + "By default the policies of the template are enforced.")
    boolean noIam;

    boolean enforced() {
        return !noIam;
    }
}
