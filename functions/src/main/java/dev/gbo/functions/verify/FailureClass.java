package dev.gbo.functions.verify;

/**
 * Fine-grained outcome of one job attempt, with the category and the error name of docs/contracts.md
 * it maps to. Retryable classes map to {@code BatchJobRetryable} (or {@code BatchJobRetriesExhausted}
 * once the logical attempt budget is spent, see {@link JobVerifier}).
 */
public enum FailureClass {
    SUCCEEDED(Category.SUCCEEDED, null),
    VERIFICATION_FAILED(Category.VERIFICATION_FAILED, "VerificationFailed"),
    RETRYABLE_HOST_LOSS(Category.RETRYABLE, "BatchJobRetryable"),
    RETRYABLE_SPOT_INTERRUPTION(Category.RETRYABLE, "BatchJobRetryable"),
    RETRYABLE_AGENT_ERROR(Category.RETRYABLE, "BatchJobRetryable"),
    RETRYABLE_IMAGE_PULL(Category.RETRYABLE, "BatchJobRetryable"),
    CAPACITY_TIME_LIMIT(Category.CAPACITY, "BatchCapacityUnavailable"),
    CAPACITY_BLOCKED(Category.CAPACITY, "BatchCapacityUnavailable"),
    ARCHITECTURE_EXEC_FORMAT(Category.ARCHITECTURE_MISMATCH, "ArchitectureMismatch"),
    ARCHITECTURE_NO_ARM64_MANIFEST(Category.ARCHITECTURE_MISMATCH, "ArchitectureMismatch"),
    OUT_OF_MEMORY(Category.OUT_OF_MEMORY, "OutOfMemory"),
    IMAGE_PULL_FAILED(Category.APPLICATION_FAILED, "ApplicationFailed"),
    APPLICATION_FAILED(Category.APPLICATION_FAILED, "ApplicationFailed");

    public enum Category {
        SUCCEEDED, RETRYABLE, CAPACITY, ARCHITECTURE_MISMATCH, OUT_OF_MEMORY, APPLICATION_FAILED, VERIFICATION_FAILED
    }

    private final Category category;
    private final String errorName;

    FailureClass(Category category, String errorName) {
        this.category = category;
        this.errorName = errorName;
    }

    public Category category() {
        return category;
    }

    /** The short error name, null for SUCCEEDED. */
    public String errorName() {
        return errorName;
    }
}
