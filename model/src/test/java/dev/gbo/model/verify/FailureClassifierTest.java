package dev.gbo.model.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure string of shared/reference/aws-facts.md, with where Batch reports it. */
class FailureClassifierTest {
    private final FailureClassifier classifier = new FailureClassifier();

    @ParameterizedTest(name = "[{index}] {0} / {1} / exit {2} / log {3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # statusReason                                                   | containerReason                                                                                              | exit | log line                                                                  | expected
            Host EC2 (instance i-0a1b2c3d4e5f60718) terminated.               | -                                                                                                            | -    | -                                                                         | RETRYABLE_HOST_LOSS
            Host EC2 (instance i-0a1b2c3d4e5f60718) terminated.               | -                                                                                                            | 143  | -                                                                         | RETRYABLE_HOST_LOSS
            Your Spot Task was interrupted.                                   | -                                                                                                            | -    | -                                                                         | RETRYABLE_SPOT_INTERRUPTION
            Task failed to start                                              | CannotPullContainerError: failed to copy: httpReadSeeker: failed open: context canceled                      | -    | -                                                                         | RETRYABLE_IMAGE_PULL
            Task failed to start                                              | CannotPullContainerError: pull image manifest has been retried 5 time(s): manifest unknown                   | -    | -                                                                         | IMAGE_PULL_FAILED
            Task failed to start                                              | CannotPullContainerError: no matching manifest for linux/arm64/v8 in the manifest list entries              | -    | -                                                                         | ARCHITECTURE_NO_ARM64_MANIFEST
            Essential container in task exited                                | -                                                                                                            | 1    | exec /usr/local/bin/python: exec format error                             | ARCHITECTURE_EXEC_FORMAT
            Essential container in task exited                                | -                                                                                                            | 1    | standard_init_linux.go:228: exec user process caused: exec format error   | ARCHITECTURE_EXEC_FORMAT
            Essential container in task exited                                | OutOfMemoryError: Container killed due to memory usage                                                       | 137  | -                                                                         | OUT_OF_MEMORY
            Essential container in task exited                                | CannotInspectContainerError: Could not transition to inspecting; timed out after waiting 30s                | -    | -                                                                         | RETRYABLE_AGENT_ERROR
            Essential container in task exited                                | DockerTimeoutError: Could not transition to created; timed out after waiting 4m0s                           | -    | -                                                                         | RETRYABLE_AGENT_ERROR
            Essential container in task exited                                | CgroupError: Agent could not create task's platform resources                                                | -    | -                                                                         | RETRYABLE_AGENT_ERROR
            Task failed to start                                              | -                                                                                                            | -    | -                                                                         | RETRYABLE_AGENT_ERROR
            Task failed to start                                              | ResourceInitializationError: failed to validate logger args: signal: killed                                  | -    | -                                                                         | RETRYABLE_AGENT_ERROR
            UNDETERMINED - Batch job is blocked, root cause is undetermined. | -                                                                                                            | -    | -                                                                         | CAPACITY_BLOCKED
            Job cancelled by time limit action: CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY - not enough capacity | -                                                           | -    | -                                                                         | CAPACITY_TIME_LIMIT
            MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE max vCPUs below the job's                  | -                                                           | -    | -                                                                         | CAPACITY_TIME_LIMIT
            MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - no instance type can hold the job                     | -                                                           | -    | -                                                                         | CAPACITY_TIME_LIMIT
            MISCONFIGURATION:EC2_INSTANCE_CONFIGURATION_UNSUPPORTED - unsupported configuration                | -                                                           | -    | -                                                                         | CAPACITY_TIME_LIMIT
            Essential container in task exited                                | -                                                                                                            | 3    | Traceback (most recent call last):                                        | APPLICATION_FAILED
            Essential container in task exited                                | -                                                                                                            | 137  | -                                                                         | APPLICATION_FAILED
            Job attempt duration exceeded timeout                             | -                                                                                                            | -    | -                                                                         | APPLICATION_FAILED
            """)
    void classifyFailure_awsFailureString_mapsToClass(String statusReason, String containerReason, Integer exitCode,
            String logLine, FailureClass expected) {
        List<String> logs = logLine == null ? List.of() : List.of("starting", logLine);

        FailureClassifier.Classification c = classifier.classifyFailure(statusReason, containerReason, exitCode, logs);

        assertThat(c.failureClass()).isEqualTo(expected);
        assertThat(c.evidence()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            RETRYABLE_HOST_LOSS            | RETRYABLE             | BatchJobRetryable
            RETRYABLE_SPOT_INTERRUPTION    | RETRYABLE             | BatchJobRetryable
            RETRYABLE_AGENT_ERROR          | RETRYABLE             | BatchJobRetryable
            RETRYABLE_IMAGE_PULL           | RETRYABLE             | BatchJobRetryable
            CAPACITY_TIME_LIMIT            | CAPACITY              | BatchCapacityUnavailable
            CAPACITY_BLOCKED               | CAPACITY              | BatchCapacityUnavailable
            ARCHITECTURE_EXEC_FORMAT       | ARCHITECTURE_MISMATCH | ArchitectureMismatch
            ARCHITECTURE_NO_ARM64_MANIFEST | ARCHITECTURE_MISMATCH | ArchitectureMismatch
            OUT_OF_MEMORY                  | OUT_OF_MEMORY         | OutOfMemory
            IMAGE_PULL_FAILED              | APPLICATION_FAILED    | ApplicationFailed
            APPLICATION_FAILED             | APPLICATION_FAILED    | ApplicationFailed
            VERIFICATION_FAILED            | VERIFICATION_FAILED   | VerificationFailed
            """)
    void failureClass_each_mapsToContractErrorName(FailureClass failureClass, FailureClass.Category category, String error) {
        assertThat(failureClass.category()).isEqualTo(category);
        assertThat(failureClass.errorName()).isEqualTo(error);
    }
}
