package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ECR of the local cloud (JSON 1.1): repositories and image manifests, enough for the
 * image-architecture check ("does this image have a linux/arm64 manifest?"). No layers or blobs:
 * {@link #putImage(String, String, String...)} stores an OCI image index with one image manifest per
 * platform, as {@code docker buildx --platform} pushes it.
 */
public final class EcrService implements AwsService {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final Map<String, Repository> repositories = new TreeMap<>();

    public EcrService(SimClock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public String signingName() {
        return "ecr";
    }

    @Override
    public String targetPrefix() {
        return "AmazonEC2ContainerRegistry_V20150921";
    }

    private static final class Repository {
        final String name;
        final Instant createdAt;
        final String mutability;
        final Map<String, Image> byDigest = new LinkedHashMap<>();
        final Map<String, String> tags = new TreeMap<>(); // tag -> digest

        Repository(String name, Instant createdAt, String mutability) {
            this.name = name;
            this.createdAt = createdAt;
            this.mutability = mutability;
        }
    }

    private record Image(String digest, String manifest, String mediaType, Instant pushedAt, long size) {
    }

    // ------------------------------------------------------------------ in-process API

    /** Creates the repository if needed; returns its URI. */
    public synchronized String ensureRepository(String name) {
        repositories.computeIfAbsent(name, n -> new Repository(n, clock.now(), "MUTABLE"));
        return uri(name);
    }

    /**
     * Pushes a multi-platform image: an OCI index with one manifest per platform ("linux/arm64",
     * "linux/amd64", "linux/arm/v7"); creates the repository if needed. Returns the index digest.
     */
    public synchronized String putImage(String repository, String tag, String... platforms) {
        ensureRepository(repository);
        Repository repo = repositories.get(repository);
        ObjectNode index = Json.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (String platform : platforms) {
            String[] p = platform.split("/");
            if (p.length < 2) {
                throw new IllegalArgumentException("platform must be os/architecture[/variant], got '" + platform + "'");
            }
            ObjectNode manifest = Json.object();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", OCI_MANIFEST);
            ObjectNode config = manifest.putObject("config");
            config.put("mediaType", "application/vnd.oci.image.config.v1+json");
            config.put("digest", sha256(repository + ":" + tag + ":" + platform + ":config"));
            config.put("size", 1469);
            ObjectNode layer = manifest.putArray("layers").addObject();
            layer.put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip");
            layer.put("digest", sha256(repository + ":" + tag + ":" + platform + ":layer"));
            layer.put("size", 29_000_000);
            String text = Json.write(manifest);
            String digest = sha256(text);
            repo.byDigest.putIfAbsent(digest, new Image(digest, text, OCI_MANIFEST, clock.now(), 29_001_469));
            ObjectNode entry = manifests.addObject();
            entry.put("mediaType", OCI_MANIFEST);
            entry.put("digest", digest);
            entry.put("size", text.getBytes(StandardCharsets.UTF_8).length);
            ObjectNode plat = entry.putObject("platform");
            plat.put("architecture", p[1]);
            plat.put("os", p[0]);
            if (p.length > 2) {
                plat.put("variant", p[2]);
            } else if ("arm64".equals(p[1])) {
                plat.put("variant", "v8");
            }
        }
        String text = Json.write(index);
        String digest = sha256(text);
        repo.byDigest.put(digest, new Image(digest, text, OCI_INDEX, clock.now(), 29_001_469L * platforms.length));
        repo.tags.put(tag, digest);
        return digest;
    }

    /** The platforms ("linux/arm64/v8") an image tag offers; empty if the tag does not exist. */
    public synchronized List<String> platforms(String repository, String tag) {
        Repository repo = repositories.get(repository);
        String digest = repo == null ? null : repo.tags.get(tag);
        if (digest == null) {
            return List.of();
        }
        JsonNode m = Json.parse(repo.byDigest.get(digest).manifest);
        List<String> out = new ArrayList<>();
        for (JsonNode e : m.path("manifests")) {
            JsonNode p = e.path("platform");
            out.add(p.path("os").asText() + "/" + p.path("architecture").asText()
                    + (p.hasNonNull("variant") ? "/" + p.get("variant").asText() : ""));
        }
        return out;
    }

    public String uri(String repository) {
        return accountId + ".dkr.ecr." + region + ".amazonaws.com/" + repository;
    }

    // ------------------------------------------------------------------ HTTP operations

    @Override
    public synchronized JsonNode call(String operation, JsonNode input, RequestContext context) {
        return switch (operation) {
            case "CreateRepository" -> createRepository(input);
            case "DescribeRepositories" -> describeRepositories(input);
            case "DescribeImages" -> describeImages(input);
            case "BatchGetImage" -> batchGetImage(input);
            case "PutImage" -> putImageOperation(input);
            case "DeleteRepository" -> deleteRepository(input);
            default -> throw AwsService.unknownOperation("ECR", operation);
        };
    }

    private JsonNode createRepository(JsonNode input) {
        String name = Json.requireText(input, "repositoryName", "InvalidParameterException");
        if (!name.matches("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*") || name.length() < 2
                || name.length() > 256) {
            throw new AwsException("InvalidParameterException", 400, "Invalid parameter at 'repositoryName' failed to"
                    + " satisfy constraint: 'must satisfy regular expression "
                    + "'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }
        if (repositories.containsKey(name)) {
            throw new AwsException("RepositoryAlreadyExistsException", 400, "The repository with name '" + name
                    + "' already exists in the registry with id '" + accountId + "'");
        }
        Repository repo = new Repository(name, clock.now(), Json.text(input, "imageTagMutability", "MUTABLE"));
        repositories.put(name, repo);
        ObjectNode out = Json.object();
        out.set("repository", repository(repo));
        return out;
    }

    private JsonNode deleteRepository(JsonNode input) {
        Repository repo = repo(input);
        if (!repo.byDigest.isEmpty() && !input.path("force").asBoolean(false)) {
            throw new AwsException("RepositoryNotEmptyException", 400, "The repository with name '" + repo.name
                    + "' in registry with id '" + accountId + "' cannot be deleted because it still contains images");
        }
        repositories.remove(repo.name);
        ObjectNode out = Json.object();
        out.set("repository", repository(repo));
        return out;
    }

    private JsonNode describeRepositories(JsonNode input) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("repositories");
        JsonNode names = input.path("repositoryNames");
        if (names.isArray() && !names.isEmpty()) {
            for (JsonNode n : names) {
                Repository repo = repositories.get(n.asText());
                if (repo == null) {
                    throw repositoryNotFound(n.asText());
                }
                list.add(repository(repo));
            }
        } else {
            repositories.values().forEach(r -> list.add(repository(r)));
        }
        return out;
    }

    private JsonNode describeImages(JsonNode input) {
        Repository repo = repo(input);
        ObjectNode out = Json.object();
        ArrayNode details = out.putArray("imageDetails");
        JsonNode ids = input.path("imageIds");
        Set<String> digests = new LinkedHashSet<>();
        if (ids.isArray() && !ids.isEmpty()) {
            for (JsonNode id : ids) {
                String digest = find(repo, id);
                if (digest == null) {
                    throw new AwsException("ImageNotFoundException", 400, "The image with imageId {imageDigest:'"
                            + Json.text(id, "imageDigest", "null") + "', imageTag:'" + Json.text(id, "imageTag", "null")
                            + "'} does not exist within the repository with name '" + repo.name
                            + "' in the registry with id '" + accountId + "'");
                }
                digests.add(digest);
            }
        } else {
            // ECR lists tagged images and untagged top-level ones, not the children of an index
            for (Image img : repo.byDigest.values()) {
                if (repo.tags.containsValue(img.digest)) {
                    digests.add(img.digest);
                }
            }
        }
        for (String d : digests) {
            Image img = repo.byDigest.get(d);
            ObjectNode det = details.addObject();
            det.put("registryId", accountId);
            det.put("repositoryName", repo.name);
            det.put("imageDigest", img.digest);
            ArrayNode tags = det.putArray("imageTags");
            repo.tags.forEach((t, dg) -> {
                if (dg.equals(d)) {
                    tags.add(t);
                }
            });
            if (tags.isEmpty()) {
                det.remove("imageTags");
            }
            det.put("imageSizeInBytes", img.size);
            det.put("imagePushedAt", img.pushedAt.toEpochMilli() / 1000.0);
            det.put("imageManifestMediaType", img.mediaType);
            if (OCI_MANIFEST.equals(img.mediaType) || DOCKER_MANIFEST.equals(img.mediaType)) {
                det.put("artifactMediaType", "application/vnd.oci.image.config.v1+json");
            }
        }
        return out;
    }

    private JsonNode batchGetImage(JsonNode input) {
        Repository repo = repo(input);
        JsonNode ids = input.path("imageIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            throw new AwsException("InvalidParameterException", 400,
                    "imageIds must contain between 1 and 100 image ids.");
        }
        ObjectNode out = Json.object();
        ArrayNode images = out.putArray("images");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode id : ids) {
            String digest = find(repo, id);
            if (digest == null) {
                ObjectNode f = failures.addObject();
                f.set("imageId", id.deepCopy());
                f.put("failureCode", "ImageNotFound");
                f.put("failureReason", "Requested image not found");
                continue;
            }
            Image img = repo.byDigest.get(digest);
            ObjectNode i = images.addObject();
            i.put("registryId", accountId);
            i.put("repositoryName", repo.name);
            ObjectNode imageId = i.putObject("imageId");
            imageId.put("imageDigest", digest);
            if (id.hasNonNull("imageTag")) {
                imageId.put("imageTag", id.get("imageTag").asText());
            }
            i.put("imageManifest", img.manifest);
            i.put("imageManifestMediaType", img.mediaType);
        }
        return out;
    }

    private JsonNode putImageOperation(JsonNode input) {
        Repository repo = repo(input);
        String manifest = Json.requireText(input, "imageManifest", "InvalidParameterException");
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(manifest);
        } catch (Exception e) {
            throw new AwsException("InvalidParameterException", 400, "Invalid parameter at 'imageManifest' failed to"
                    + " satisfy constraint: 'Invalid JSON syntax'");
        }
        String mediaType = Json.text(input, "imageManifestMediaType", parsed.path("mediaType").asText(DOCKER_MANIFEST));
        String tag = Json.text(input, "imageTag", null);
        String digest = sha256(manifest);
        if (tag != null && digest.equals(repo.tags.get(tag)) && repo.byDigest.containsKey(digest)) {
            throw new AwsException("ImageAlreadyExistsException", 400, "Image with digest '" + digest + "' and tag '"
                    + tag + "' already exists in the repository with name '" + repo.name
                    + "' in registry with id '" + accountId + "'");
        }
        if (tag != null && repo.tags.containsKey(tag) && "IMMUTABLE".equals(repo.mutability)) {
            throw new AwsException("ImageTagAlreadyExistsException", 400, "The image tag '" + tag
                    + "' already exists in the '" + repo.name + "' repository and cannot be overwritten because the"
                    + " repository is immutable.");
        }
        repo.byDigest.put(digest, new Image(digest, manifest, mediaType, clock.now(), manifest.length()));
        if (tag != null) {
            repo.tags.put(tag, digest);
        }
        ObjectNode out = Json.object();
        ObjectNode image = out.putObject("image");
        image.put("registryId", accountId);
        image.put("repositoryName", repo.name);
        ObjectNode id = image.putObject("imageId");
        id.put("imageDigest", digest);
        if (tag != null) {
            id.put("imageTag", tag);
        }
        image.put("imageManifest", manifest);
        image.put("imageManifestMediaType", mediaType);
        return out;
    }

    private Repository repo(JsonNode input) {
        String name = Json.requireText(input, "repositoryName", "InvalidParameterException");
        Repository repo = repositories.get(name);
        if (repo == null) {
            throw repositoryNotFound(name);
        }
        return repo;
    }

    private AwsException repositoryNotFound(String name) {
        return new AwsException("RepositoryNotFoundException", 400, "The repository with name '" + name
                + "' does not exist in the registry with id '" + accountId + "'");
    }

    private static String find(Repository repo, JsonNode id) {
        String digest = Json.text(id, "imageDigest", null);
        String tag = Json.text(id, "imageTag", null);
        if (digest != null) {
            if (!repo.byDigest.containsKey(digest) || (tag != null && !digest.equals(repo.tags.get(tag)))) {
                return null;
            }
            return digest;
        }
        return tag == null ? null : repo.tags.get(tag);
    }

    private ObjectNode repository(Repository r) {
        ObjectNode o = Json.object();
        o.put("repositoryArn", "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + r.name);
        o.put("registryId", accountId);
        o.put("repositoryName", r.name);
        o.put("repositoryUri", uri(r.name));
        o.put("createdAt", r.createdAt.toEpochMilli() / 1000.0);
        o.put("imageTagMutability", r.mutability);
        o.putObject("imageScanningConfiguration").put("scanOnPush", false);
        o.putObject("encryptionConfiguration").put("encryptionType", "AES256");
        return o;
    }

    static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
