package dev.gbo.local.fleet;

/** The status of a job queue (JQStatus), spelled as AWS spells it. */
public enum JQStatus {
    CREATING, UPDATING, DELETING, DELETED, VALID, INVALID
}
