package dev.gbo.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ErrorDocumentTest {

    static class DomainError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DomainError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void of_domainException_usesFullyQualifiedClassNameAsErrorType() {
        ObjectNode doc = ErrorDocument.of(new DomainError("boom", null));
        assertThat(doc.path("errorType").asText()).isEqualTo("dev.gbo.local.lambda.ErrorDocumentTest$DomainError");
        assertThat(doc.path("errorMessage").asText()).isEqualTo("boom");
    }

    @Test
    void of_exception_listsStackTraceAsRuntimeFormatsIt() {
        ObjectNode doc = ErrorDocument.of(new IllegalStateException("x"));
        assertThat(doc.path("stackTrace").isArray()).isTrue();
        assertThat(doc.path("stackTrace").get(0).asText())
                .matches("dev\\.gbo\\.local\\.lambda\\.ErrorDocumentTest\\.of_exception.*\\(ErrorDocumentTest\\.java:\\d+\\)");
    }

    @Test
    void of_wrappedCause_addsCauseDocument() {
        ObjectNode doc = ErrorDocument.of(new DomainError("outer", new java.io.IOException("inner")));
        assertThat(doc.path("cause").path("errorType").asText()).isEqualTo("java.io.IOException");
        assertThat(doc.path("cause").path("errorMessage").asText()).isEqualTo("inner");
    }

    @Test
    void of_nullMessage_writesJsonNull() {
        ObjectNode doc = ErrorDocument.of(new NullPointerException());
        assertThat(doc.has("errorMessage")).isTrue();
        assertThat(doc.get("errorMessage").isNull()).isTrue();
    }

    @Test
    void runtime_timeout_hasTypeMessageAndEmptyTrace() {
        ObjectNode doc = ErrorDocument.runtime("Sandbox.Timedout", "Task timed out after 3.00 seconds");
        assertThat(doc.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(doc.path("stackTrace").size()).isZero();
    }
}
