package dev.gbo.local.fleet;

/** The status of a compute environment (CEStatus), spelled as AWS spells it. */
public enum CEStatus {
    CREATING, UPDATING, DELETING, DELETED, VALID, INVALID
}
