package dev.gbo.local.ecr;

import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.SimClock;
import java.util.List;

/**
 * ECR of the local cloud (JSON 1.1): the registry of its operations over the {@link EcrStore}:
 * repositories and image manifests, enough for the
 * image-architecture check ("does this image have a linux/arm64 manifest?"). No layers or blobs:
 * {@link #putImage(String, String, String...)} stores an OCI image index with one image manifest per
 * platform, as {@code docker buildx --platform} pushes it.
 */
public final class EcrService extends OperationRegistry {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private final EcrStore store;

    public EcrService(SimClock clock, String region, String accountId) {
        this.store = new EcrStore(clock, region, accountId);
        register(new CreateRepository(store), new DescribeRepositories(store), new DescribeImages(store),
                new BatchGetImage(store), new PutImage(store), new DeleteRepository(store));
        declareInputs();
    }

    @Override
    public String signingName() {
        return "ecr";
    }

    @Override
    public String targetPrefix() {
        return "AmazonEC2ContainerRegistry_V20150921";
    }

    // ------------------------------------------------------------------ in-process API

    /** Creates the repository if needed; returns its URI. */
    public String ensureRepository(String name) {
        return store.ensureRepository(name);
    }

    /**
     * Pushes a multi-platform image: an OCI index with one manifest per platform ("linux/arm64",
     * "linux/amd64", "linux/arm/v7"); creates the repository if needed. Returns the index digest.
     */
    public String putImage(String repository, String tag, String... platforms) {
        return store.putImage(repository, tag, platforms);
    }

    /** The platforms ("linux/arm64/v8") an image tag offers; empty if the tag does not exist. */
    public List<String> platforms(String repository, String tag) {
        return store.platforms(repository, tag);
    }

    public String uri(String repository) {
        return store.uri(repository);
    }

    /** Member types and limits as the ECR API model declares them. */
    private void declareInputs() {
        String registry = "registryId: string/[0-9]{12}/";
        String repo = "string[2..256]/(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*/";
        String imageIds = "list[1..100]<{imageDigest: string; imageTag: string[1..300]}>";
        shape("CreateRepository", registry + "; repositoryName!: " + repo + "; imageTagMutability: enum(MUTABLE|IMMUTABLE"
                + "|IMMUTABLE_WITH_EXCLUSION|MUTABLE_WITH_EXCLUSION); tags: list<{Key!: string[1..128]; Value!: string[0..256]}>;"
                + " imageScanningConfiguration: {scanOnPush: boolean}; encryptionConfiguration: {encryptionType!: enum(AES256|KMS"
                + "|KMS_DSSE); kmsKey: string[1..2048]}");
        shape("DescribeRepositories", registry + "; repositoryNames: list[1..100]<" + repo + ">; nextToken: string;"
                + " maxResults: int[1..1000]");
        shape("DescribeImages", registry + "; repositoryName!: " + repo + "; imageIds: " + imageIds + "; nextToken: string;"
                + " maxResults: int[1..1000]; filter: {tagStatus: enum(TAGGED|UNTAGGED|ANY)}");
        shape("BatchGetImage", registry + "; repositoryName!: " + repo + "; imageIds!: " + imageIds
                + "; acceptedMediaTypes: list[1..100]<string[1..255]>");
        shape("PutImage", registry + "; repositoryName!: " + repo + "; imageManifest!: string[1..4194304];"
                + " imageManifestMediaType: string; imageTag: string[1..300]; imageDigest: string");
        shape("DeleteRepository", registry + "; repositoryName!: " + repo + "; force: boolean");
    }

    @Override
    protected dev.gbo.local.core.Shape.InputErrors inputErrors() {
        return ERRORS;
    }

    /** ECR answers constraint violations with InvalidParameterException. */
    private static final dev.gbo.local.core.Shape.InputErrors ERRORS = dev.gbo.local.core.Shape.InputErrors.json(
            summary -> new dev.gbo.local.core.AwsException("InvalidParameterException", 400, summary));
}
