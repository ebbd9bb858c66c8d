package dev.gbo.local.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingTest {

    @Test
    void whenQuery_presence_takesOnlyRequestsWithTheSubresource() {
        Binding b = Binding.rest("PUT", "/{Bucket}").whenQuery("notification");
        assertThat(b.match("PUT", "/photos", Map.of("notification", ""))).containsEntry("Bucket", "photos");
        assertThat(b.match("PUT", "/photos", Map.of())).isNull();
        assertThat(b.match("GET", "/photos", Map.of("notification", ""))).isNull();
        assertThat(b).hasToString("PUT /{Bucket}?notification");
    }

    @Test
    void whenQuery_value_mustBeEqual() {
        Binding b = Binding.rest("GET", "/{Bucket}").whenQuery("list-type", "2");
        assertThat(b.match("GET", "/photos", Map.of("list-type", "2"))).containsEntry("Bucket", "photos");
        assertThat(b.match("GET", "/photos", Map.of("list-type", "1"))).isNull();
        assertThat(b.match("GET", "/photos", Map.of())).isNull();
    }

    @Test
    void withoutConditions_anyQueryMatches() {
        Binding b = Binding.rest("GET", "/{Bucket}/{Key+}");
        assertThat(b.match("GET", "/photos/a/b%20c.jpg", Map.of("x", "y")))
                .containsEntry("Bucket", "photos").containsEntry("Key", "a/b c.jpg");
        assertThat(b.match("GET", "/photos", Map.of())).isNull();
    }
}
