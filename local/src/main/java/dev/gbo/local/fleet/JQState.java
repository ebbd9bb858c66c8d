package dev.gbo.local.fleet;

/** The state of a job queue (JQState), spelled as AWS spells it. */
public enum JQState {
    ENABLED, DISABLED
}
