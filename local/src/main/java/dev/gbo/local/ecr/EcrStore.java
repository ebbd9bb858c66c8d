package dev.gbo.local.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
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
 * The state of ECR: repositories, their image manifests by digest and their tags. The store owns its
 * maps and one lock (its monitor); every access goes through its methods, which return JSON copies.
 */
final class EcrStore {
    static final String OCI_INDEX = EcrService.OCI_INDEX;
    static final String OCI_MANIFEST = EcrService.OCI_MANIFEST;
    static final String DOCKER_MANIFEST = EcrService.DOCKER_MANIFEST;

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final Map<String, Repository> repositories = new TreeMap<>();

    EcrStore(SimClock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
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
    synchronized String ensureRepository(String name) {
        repositories.computeIfAbsent(name, n -> new Repository(n, clock.now(), "MUTABLE"));
        return uri(name);
    }

    /**
     * Pushes a multi-platform image: an OCI index with one manifest per platform ("linux/arm64",
     * "linux/amd64", "linux/arm/v7"); creates the repository if needed. Returns the index digest.
     */
    synchronized String putImage(String repository, String tag, String... platforms) {
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
    synchronized List<String> platforms(String repository, String tag) {
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

    String uri(String repository) {
        return accountId + ".dkr.ecr." + region + ".amazonaws.com/" + repository;
    }

    // ------------------------------------------------------------------ HTTP operations

    /** CreateRepository's output, or RepositoryAlreadyExistsException. */
    synchronized ObjectNode createRepository(String name, String mutability) {
        if (repositories.containsKey(name)) {
            throw new AwsException("RepositoryAlreadyExistsException", 400, "The repository with name '" + name
                    + "' already exists in the registry with id '" + accountId + "'");
        }
        Repository repo = new Repository(name, clock.now(), mutability);
        repositories.put(name, repo);
        ObjectNode out = Json.object();
        out.set("repository", repository(repo));
        return out;
    }

    /** DeleteRepository's output: an empty repository, or any with {@code force}. */
    synchronized ObjectNode deleteRepository(String name, boolean force) {
        Repository repo = repo(name);
        if (!repo.byDigest.isEmpty() && !force) {
            throw new AwsException("RepositoryNotEmptyException", 400, "The repository with name '" + repo.name
                    + "' in registry with id '" + accountId + "' cannot be deleted because it still contains images");
        }
        repositories.remove(repo.name);
        ObjectNode out = Json.object();
        out.set("repository", repository(repo));
        return out;
    }

    /** DescribeRepositories' output: the named repositories, or all. */
    synchronized ObjectNode describeRepositories(JsonNode names) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("repositories");
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

    /** DescribeImages' output: the images the ids name, or the tagged and top-level ones. */
    synchronized ObjectNode describeImages(String repository, JsonNode ids) {
        Repository repo = repo(repository);
        ObjectNode out = Json.object();
        ArrayNode details = out.putArray("imageDetails");
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

    /** BatchGetImage's output: the manifests of the ids found, and a failure for each other. */
    synchronized ObjectNode batchGetImage(String repository, JsonNode ids) {
        Repository repo = repo(repository);
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

    /** PutImage's output: stores the manifest under its digest, and the tag when given. */
    synchronized ObjectNode putImage(String repository, String manifest, String mediaType, String tag) {
        Repository repo = repo(repository);
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

    /** Throws RepositoryNotFoundException unless the repository exists. */
    synchronized void requireRepository(String name) {
        repo(name);
    }

    private Repository repo(String name) {
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
