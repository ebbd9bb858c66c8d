package dev.gbo.local.fleet;

/** The state of a compute environment (CEState), spelled as AWS spells it. */
public enum CEState {
    ENABLED, DISABLED
}
