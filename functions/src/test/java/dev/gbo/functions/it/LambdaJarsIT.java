package dev.gbo.functions.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three deployable jars (built by the package phase) carry only what their functions load: no Apache HttpClient
 * (classic or 5, nor its publicsuffix list), no Netty (the functions use the URLConnection client, see Clients),
 * and only the SDK service models their handlers call.
 */
class LambdaJarsIT {
    private static final List<String> FORBIDDEN = List.of("org/apache/hc/", "org/apache/http/", "io/netty/",
            "mozilla/public-suffix-list.txt", "software/amazon/awssdk/http/apache", "software/amazon/awssdk/http/nio/netty");

    @ParameterizedTest
    @ValueSource(strings = {"gbo-normalize.jar", "gbo-capacity.jar", "gbo-functions.jar"})
    void noApacheHttpClientNorNetty(String artifact) throws Exception {
        assertThat(entries(artifact)).filteredOn(n -> FORBIDDEN.stream().anyMatch(n::startsWith)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gbo-capacity.jar", "gbo-functions.jar"})
    void urlConnectionClientOnly(String artifact) throws Exception {
        assertThat(entries(artifact)).contains("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
    }

    @org.junit.jupiter.api.Test
    void eachJarShipsOnlyTheServiceModelsItsFunctionsCall() throws Exception {
        assertThat(services("gbo-functions.jar")).containsExactlyInAnyOrder("batch", "sfn", "cloudwatchlogs", "eventbridge");
        assertThat(services("gbo-capacity.jar")).containsExactly("ec2");
        assertThat(services("gbo-normalize.jar")).isEmpty();
        assertThat(entries("gbo-functions.jar")).noneMatch(n -> n.startsWith("software/amazon/awssdk/protocols/query/"));
        assertThat(entries("gbo-capacity.jar")).noneMatch(n -> n.startsWith("software/amazon/awssdk/protocols/json/"));
    }

    private static List<String> services(String artifact) throws Exception {
        String prefix = "software/amazon/awssdk/services/";
        return entries(artifact).stream().filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) > 0)
                .map(n -> n.substring(prefix.length(), n.indexOf('/', prefix.length()))).distinct().toList();
    }

    private static List<String> entries(String artifact) throws Exception {
        Path jar = Path.of("target", artifact);
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).toList();
        }
    }
}
