package dev.gbo.local.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.lambda.fixtures.Clients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

class EcrIT {
    LocalCloud cloud;
    EcrClient ecr;
    EcrService service;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).build().start();
        ecr = Clients.of(EcrClient.builder(), cloud);
        service = (EcrService) cloud.services().get("ecr");
    }

    @AfterEach
    void stop() {
        ecr.close();
        cloud.close();
    }

    /** The architecture check the orchestrator needs: does the tag have a linux/arm64 manifest? */
    private List<String> platformsOf(String repo, String tag) {
        BatchGetImageResponse r = ecr.batchGetImage(b -> b.repositoryName(repo).imageIds(i -> i.imageTag(tag))
                .acceptedMediaTypes(EcrService.OCI_INDEX, EcrService.DOCKER_LIST, EcrService.OCI_MANIFEST));
        JsonNode manifest = Json.parse(r.images().get(0).imageManifest());
        List<String> out = new ArrayList<>();
        manifest.path("manifests").forEach(m -> out.add(m.path("platform").path("os").asText() + "/"
                + m.path("platform").path("architecture").asText()));
        return out;
    }

    @Test
    void createRepository_new_returnsRepositoryWithUri() {
        Repository r = ecr.createRepository(b -> b.repositoryName("batch-arm64-demo")).repository();
        assertThat(r.repositoryUri()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/batch-arm64-demo");
        assertThat(r.repositoryArn()).isEqualTo("arn:aws:ecr:us-east-1:123456789012:repository/batch-arm64-demo");
        assertThat(r.registryId()).isEqualTo("123456789012");
    }

    @Test
    void createRepository_existing_throwsRepositoryAlreadyExists() {
        ecr.createRepository(b -> b.repositoryName("dup"));
        assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName("dup")))
                .isInstanceOf(RepositoryAlreadyExistsException.class);
    }

    @Test
    void createRepository_invalidName_throwsInvalidParameter() {
        assertThatThrownBy(() -> ecr.createRepository(b -> b.repositoryName("Upper_Case!")))
                .isInstanceOf(software.amazon.awssdk.services.ecr.model.InvalidParameterException.class);
    }

    @Test
    void describeRepositories_byNameAndAll_listsThem() {
        ecr.createRepository(b -> b.repositoryName("repo-a"));
        ecr.createRepository(b -> b.repositoryName("team/repo-b"));
        assertThat(ecr.describeRepositories(b -> b.repositoryNames("team/repo-b")).repositories())
                .extracting(Repository::repositoryName).containsExactly("team/repo-b");
        assertThat(ecr.describeRepositories(b -> { }).repositories()).extracting(Repository::repositoryName)
                .containsExactly("repo-a", "team/repo-b");
    }

    @Test
    void describeRepositories_unknown_throwsRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.describeRepositories(b -> b.repositoryNames("ghost")))
                .isInstanceOf(RepositoryNotFoundException.class).hasMessageContaining("'ghost' does not exist");
    }

    @Test
    void batchGetImage_multiArchImage_returnsIndexWithArm64Platform() {
        service.putImage("demo", "latest", "linux/amd64", "linux/arm64");
        BatchGetImageResponse r = ecr.batchGetImage(b -> b.repositoryName("demo").imageIds(i -> i.imageTag("latest")));
        assertThat(r.images()).singleElement().satisfies(img -> {
            assertThat(img.imageManifestMediaType()).isEqualTo(EcrService.OCI_INDEX);
            JsonNode m = Json.parse(img.imageManifest());
            assertThat(m.path("mediaType").asText()).isEqualTo(EcrService.OCI_INDEX);
            assertThat(m.path("schemaVersion").asInt()).isEqualTo(2);
            assertThat(m.path("manifests").get(1).path("platform").path("variant").asText()).isEqualTo("v8");
            assertThat(img.imageId().imageDigest()).startsWith("sha256:");
        });
        assertThat(platformsOf("demo", "latest")).containsExactly("linux/amd64", "linux/arm64");
    }

    @Test
    void batchGetImage_amd64OnlyImage_hasNoArm64Manifest() {
        service.putImage("legacy", "v1", "linux/amd64");
        assertThat(platformsOf("legacy", "v1")).containsExactly("linux/amd64").doesNotContain("linux/arm64");
    }

    @Test
    void batchGetImage_childManifestByDigest_returnsImageManifest() {
        service.putImage("demo", "latest", "linux/arm64");
        String index = ecr.batchGetImage(b -> b.repositoryName("demo").imageIds(i -> i.imageTag("latest")))
                .images().get(0).imageManifest();
        String child = Json.parse(index).path("manifests").get(0).path("digest").asText();
        var r = ecr.batchGetImage(b -> b.repositoryName("demo").imageIds(i -> i.imageDigest(child)));
        assertThat(r.images().get(0).imageManifestMediaType()).isEqualTo(EcrService.OCI_MANIFEST);
    }

    @Test
    void batchGetImage_unknownTag_reportsImageNotFoundFailure() {
        service.putImage("demo", "latest", "linux/arm64");
        BatchGetImageResponse r = ecr.batchGetImage(b -> b.repositoryName("demo").imageIds(i -> i.imageTag("nope")));
        assertThat(r.images()).isEmpty();
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.failureCodeAsString()).isEqualTo("ImageNotFound");
            assertThat(f.failureReason()).isEqualTo("Requested image not found");
            assertThat(f.imageId().imageTag()).isEqualTo("nope");
        });
    }

    @Test
    void batchGetImage_unknownRepository_throwsRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.batchGetImage(b -> b.repositoryName("ghost").imageIds(i -> i.imageTag("x"))))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void describeImages_taggedImages_listsDetails() {
        service.putImage("demo", "latest", "linux/arm64", "linux/amd64");
        List<ImageDetail> d = ecr.describeImages(b -> b.repositoryName("demo")).imageDetails();
        assertThat(d).singleElement().satisfies(i -> {
            assertThat(i.imageTags()).containsExactly("latest");
            assertThat(i.imageManifestMediaType()).isEqualTo(EcrService.OCI_INDEX);
            assertThat(i.imagePushedAt()).isNotNull();
        });
        assertThat(ecr.describeImages(b -> b.repositoryName("demo").imageIds(i -> i.imageTag("latest"))).imageDetails())
                .hasSize(1);
    }

    @Test
    void describeImages_unknownTag_throwsImageNotFound() {
        ecr.createRepository(b -> b.repositoryName("demo"));
        assertThatThrownBy(() -> ecr.describeImages(b -> b.repositoryName("demo").imageIds(i -> i.imageTag("nope"))))
                .isInstanceOf(ImageNotFoundException.class).hasMessageContaining("imageTag:'nope'");
    }

    @Test
    void describeImages_unknownRepository_throwsRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.describeImages(b -> b.repositoryName("ghost")))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void putImage_manifest_isStoredUnderTagAndDigest() {
        ecr.createRepository(b -> b.repositoryName("pushed"));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + EcrService.DOCKER_LIST + "\",\"manifests\":[{"
                + "\"mediaType\":\"" + EcrService.DOCKER_MANIFEST + "\",\"digest\":\"sha256:"
                + "a".repeat(64) + "\",\"size\":100,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}";
        var image = ecr.putImage(b -> b.repositoryName("pushed").imageTag("v2").imageManifest(manifest)
                .imageManifestMediaType(EcrService.DOCKER_LIST)).image();
        assertThat(image.imageId().imageDigest()).startsWith("sha256:");
        assertThat(platformsOf("pushed", "v2")).containsExactly("linux/arm64");
        assertThat(service.platforms("pushed", "v2")).containsExactly("linux/arm64");
    }

    @Test
    void putImage_sameTagAndManifest_throwsImageAlreadyExists() {
        ecr.createRepository(b -> b.repositoryName("pushed"));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + EcrService.OCI_INDEX + "\",\"manifests\":[]}";
        ecr.putImage(b -> b.repositoryName("pushed").imageTag("v1").imageManifest(manifest));
        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("pushed").imageTag("v1").imageManifest(manifest)))
                .isInstanceOf(ImageAlreadyExistsException.class);
    }

    @Test
    void putImage_unknownRepository_throwsRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.putImage(b -> b.repositoryName("ghost").imageTag("v1").imageManifest("{}")))
                .isInstanceOf(RepositoryNotFoundException.class);
    }
}
