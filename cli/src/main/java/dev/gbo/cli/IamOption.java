package dev.gbo.cli;

import picocli.CommandLine.Option;

/** {@code --no-iam}: the commands that start a local cloud enforce the template's IAM policies unless told not to. */
final class IamOption {
    @Option(names = "--no-iam",
            description = "Switch IAM off: the local cloud allows every call of the deployed functions and state machine "
                    + "(default: enforced from template.yaml's policies, see docs/iam.md).")
    boolean noIam;

    boolean enforced() {
        return !noIam;
    }
}
