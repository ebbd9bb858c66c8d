package dev.gbo.local.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardingAwsServiceTest {

    @Test
    void forwardingAwsService_everyMethodOfAwsService_isForwarded() {
        List<String> notForwarded = Arrays.stream(AwsService.class.getDeclaredMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> {
                    try {
                        ForwardingAwsService.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
                        return false;
                    } catch (NoSuchMethodException e) {
                        return true;
                    }
                })
                .map(Method::getName).toList();

        assertThat(notForwarded).as("AwsService methods a wrapper would silently answer with the default").isEmpty();
    }

    @Test
    void forwardingAwsService_wrapperOverridingOnlyCall_keepsTheApisAccessAndRefusal() {
        AwsService batch = new AwsService() {
            @Override
            public String signingName() {
                return "batch";
            }

            @Override
            public JsonNode call(String operation, JsonNode input, RequestContext context) {
                return input;
            }

            @Override
            public List<Access> access(String operation, JsonNode input, RequestContext context) {
                return List.of(Access.of("batch:" + operation, "arn:aws:batch:us-east-1:123456789012:job-queue/q"));
            }

            @Override
            public AwsException accessDenied(String message) {
                return new AwsException("AccessDeniedException", 403, message);
            }
        };
        AwsService wrapped = new ForwardingAwsService(batch) {
            @Override
            public JsonNode call(String operation, JsonNode input, RequestContext context) {
                return delegate.call(operation, input, context);
            }
        };

        JsonNode input = JsonNodeFactory.instance.objectNode();
        assertThat(wrapped.access("SubmitJob", input, null)).isEqualTo(batch.access("SubmitJob", input, null));
        assertThat(wrapped.accessDenied("no").status()).isEqualTo(403);
    }
}
