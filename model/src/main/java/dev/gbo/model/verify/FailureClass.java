package dev.gbo.model.verify;

import dev.gbo.model.errors.ErrorName;

/**
 * Fine-grained outcome of one job attempt, with the category and the error name of docs/contracts.md
 * it maps to. Retryable classes map to {@code BatchJobRetryable} (or {@code BatchJobRetriesExhausted}
 * once the logical attempt budget is spent, see {@link JobVerifier}).
 */
public enum FailureClass {
    SUCCEEDED(Category.SUCCEEDED, null),
    VERIFICATION_FAILED(Category.VERIFICATION_FAILED, ErrorName.VerificationFailed),
    RETRYABLE_HOST_LOSS(Category.RETRYABLE, ErrorName.BatchJobRetryable),
    RETRYABLE_SPOT_INTERRUPTION(Category.RETRYABLE, ErrorName.BatchJobRetryable),
    RETRYABLE_AGENT_ERROR(Category.RETRYABLE, ErrorName.BatchJobRetryable),
    RETRYABLE_IMAGE_PULL(Category.RETRYABLE, ErrorName.BatchJobRetryable),
    CAPACITY_TIME_LIMIT(Category.CAPACITY, ErrorName.BatchCapacityUnavailable),
    CAPACITY_BLOCKED(Category.CAPACITY, ErrorName.BatchCapacityUnavailable),
    ARCHITECTURE_EXEC_FORMAT(Category.ARCHITECTURE_MISMATCH, ErrorName.ArchitectureMismatch),
    ARCHITECTURE_NO_ARM64_MANIFEST(Category.ARCHITECTURE_MISMATCH, ErrorName.ArchitectureMismatch),
    OUT_OF_MEMORY(Category.OUT_OF_MEMORY, ErrorName.OutOfMemory),
    IMAGE_PULL_FAILED(Category.APPLICATION_FAILED, ErrorName.ApplicationFailed),
    APPLICATION_FAILED(Category.APPLICATION_FAILED, ErrorName.ApplicationFailed);

    public enum Category {
        SUCCEEDED, RETRYABLE, CAPACITY, ARCHITECTURE_MISMATCH, OUT_OF_MEMORY, APPLICATION_FAILED, VERIFICATION_FAILED
    }

    private final Category category;
    private final ErrorName error;

    FailureClass(Category category, ErrorName error) {
        this.category = category;
        this.error = error;
    }

    public Category category() {
        return category;
    }

    /** The error name, null for SUCCEEDED. */
    public ErrorName error() {
        return error;
    }

    /** The short error name, null for SUCCEEDED. */
    public String errorName() {
        return error == null ? null : error.name();
    }
}
