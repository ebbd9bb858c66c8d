package dev.gbo.cli;

import dev.gbo.model.arch.Architectures;
import dev.gbo.testkit.AwsClients;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Help.Ansi;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentOrder;
import software.amazon.awssdk.services.batch.model.Ec2Configuration;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@code gbo preflight}: checks an account (real AWS or the local cloud) before the orchestrator
 * runs there, and says how to fix each failure.
 */
final class Preflight {

    record Check(String name, boolean ok, String detail, String fix) {
    }

    private final AwsClients aws;
    private final List<String> subnets;
    private final String prefix;
    private final String image;
    private final List<Check> checks = new ArrayList<>();

    Preflight(AwsClients aws, List<String> subnets, String prefix, String image) {
        this.aws = aws;
        this.subnets = subnets;
        this.prefix = prefix;
        this.image = image;
    }

    List<Check> run() {
        identity();
        Set<String> zones = zones();
        offerings("m9g", zones);
        offerings("m8g", zones);
        try (BatchClient batch = aws.batch(); Ec2Client ec2 = aws.ec2()) {
            List<ComputeEnvironmentDetail> ces = computeEnvironments(batch, ec2);
            queue(batch, ces);
            jobDefinitions(batch);
        } catch (SdkException e) {
            checks.add(new Check("AWS Batch", false, oneLine(e), "Check the credentials and the Batch permissions (batch:Describe*)."));
        }
        image();
        return checks;
    }

    /** One line per check, PASS or FAIL (coloured when {@code ansi} is on) and the fix of each failure; true when all passed. */
    static boolean print(List<Check> checks, PrintStream out, Ansi ansi) {
        int w = 10;
        for (Check c : checks) {
            w = Math.max(w, c.name().length());
        }
        boolean ok = true;
        for (Check c : checks) {
            out.printf("%s  %-" + w + "s  %s%n", Terminal.status(ansi, c.ok() ? "PASS" : "FAIL"), c.name(), c.detail());
            if (!c.ok()) {
                ok = false;
                out.printf("      %-" + w + "s  fix: %s%n", "", c.fix());
            }
        }
        out.println(ok ? "preflight: all " + checks.size() + " checks passed" : "preflight: "
                + checks.stream().filter(c -> !c.ok()).count() + " of " + checks.size() + " checks failed");
        return ok;
    }

    private void identity() {
        try (var sts = aws.sts()) {
            GetCallerIdentityResponse id = sts.getCallerIdentity();
            checks.add(new Check("identity", true, "account " + id.account() + " as " + id.arn(), ""));
        } catch (SdkException e) {
            checks.add(new Check("identity", false, oneLine(e),
                    "Configure credentials (aws configure, AWS_PROFILE, or SSO) for the target account."));
        }
    }

    private Set<String> zones() {
        Set<String> zones = new TreeSet<>();
        if (subnets.isEmpty()) {
            checks.add(new Check("subnets", false, "no subnets given",
                    "Pass --subnets subnet-a,subnet-b (the subnets the compute environments use)."));
            return zones;
        }
        try (Ec2Client ec2 = aws.ec2()) {
            for (Subnet s : ec2.describeSubnets(r -> r.subnetIds(subnets)).subnets()) {
                zones.add(s.availabilityZone());
            }
            checks.add(new Check("subnets", true, String.join(",", subnets) + " in " + String.join(",", zones), ""));
        } catch (SdkException e) {
            checks.add(new Check("subnets", false, oneLine(e), "Use subnet ids that exist in " + aws.region() + "."));
        }
        return zones;
    }

    private void offerings(String family, Set<String> zones) {
        if (zones.isEmpty()) {
            return;
        }
        try (Ec2Client ec2 = aws.ec2()) {
            Set<String> offeredIn = new TreeSet<>();
            ec2.describeInstanceTypeOfferingsPaginator(r -> r.locationType(LocationType.AVAILABILITY_ZONE)
                            .filters(Filter.builder().name("instance-type").values(family + ".*").build(),
                                    Filter.builder().name("location").values(zones).build()))
                    .instanceTypeOfferings().forEach(o -> offeredIn.add(o.location()));
            boolean ok = offeredIn.containsAll(zones);
            String detail = offeredIn.isEmpty() ? "not offered in " + String.join(",", zones)
                    : "offered in " + String.join(",", offeredIn) + (ok ? "" : ", not in all subnet zones");
            String fix = family.equals("m9g")
                    ? "m9g (Graviton5) is in a few regions only; the orchestrator falls back to m8g. To use m9g, pick subnets in zones that offer it."
                    : "Pick subnets in zones that offer " + family + ", or a region that has it.";
            checks.add(new Check(family + " offerings", ok, detail, fix));
        } catch (SdkException e) {
            checks.add(new Check(family + " offerings", false, oneLine(e), "Allow ec2:DescribeInstanceTypeOfferings."));
        }
    }

    private List<ComputeEnvironmentDetail> computeEnvironments(BatchClient batch, Ec2Client ec2) {
        List<ComputeEnvironmentDetail> ours = new ArrayList<>();
        batch.describeComputeEnvironmentsPaginator(r -> r.maxResults(100)).computeEnvironments().forEach(ce -> {
            if (ce.computeEnvironmentName().startsWith(prefix + "-")) {
                ours.add(ce);
            }
        });
        if (ours.isEmpty()) {
            checks.add(new Check("compute environments", true,
                    "none named " + prefix + "-* yet (the orchestrator creates them on the first run)", ""));
            return ours;
        }
        for (ComputeEnvironmentDetail ce : ours) {
            String name = "CE " + ce.computeEnvironmentName();
            boolean valid = "VALID".equals(ce.statusAsString()) && "ENABLED".equals(ce.stateAsString());
            checks.add(new Check(name + " status", valid, ce.statusAsString() + "/" + ce.stateAsString()
                    + (ce.statusReason() == null ? "" : " - " + ce.statusReason()),
                    "Read statusReason; check the subnets, security groups and instance role, then update or delete the compute environment."));
            List<String> types = ce.computeResources() == null ? List.of() : ce.computeResources().instanceTypes();
            Set<String> nonArm = nonArm(ec2, types);
            checks.add(new Check(name + " architecture", nonArm.isEmpty(),
                    nonArm.isEmpty() ? "arm64 only (" + String.join(",", types) + ")" : "not arm64: " + String.join(",", nonArm),
                    "Use only Graviton instance types (m9g, m8g, m7g...) in this compute environment."));
            List<String> images = ce.computeResources() == null || ce.computeResources().ec2Configuration() == null ? List.of()
                    : ce.computeResources().ec2Configuration().stream().map(Ec2Configuration::imageType).toList();
            boolean al2023 = !images.isEmpty() && images.stream().allMatch("ECS_AL2023"::equals);
            checks.add(new Check(name + " AMI", al2023, images.isEmpty() ? "default image type" : String.join(",", images),
                    "Set ec2Configuration [{imageType: ECS_AL2023}]: Batch blocks new ECS_AL2 environments since 2026-06-30."));
        }
        return ours;
    }

    private void queue(BatchClient batch, List<ComputeEnvironmentDetail> ces) {
        String queueName = prefix + "-arm64";
        List<JobQueueDetail> queues = batch.describeJobQueues(r -> r.jobQueues(queueName)).jobQueues();
        if (queues.isEmpty()) {
            checks.add(new Check("job queue", true, queueName + " not created yet (the orchestrator creates it)", ""));
            return;
        }
        JobQueueDetail q = queues.get(0);
        boolean valid = "VALID".equals(q.statusAsString()) && "ENABLED".equals(q.stateAsString());
        checks.add(new Check("job queue " + queueName, valid, q.statusAsString() + "/" + q.stateAsString()
                + (q.statusReason() == null ? "" : " - " + q.statusReason()), "Enable the queue and make its compute environments VALID."));
        Set<String> ourArns = new LinkedHashSet<>();
        ces.forEach(ce -> ourArns.add(ce.computeEnvironmentArn()));
        List<String> foreign = q.computeEnvironmentOrder().stream().map(ComputeEnvironmentOrder::computeEnvironment)
                .filter(arn -> !ourArns.contains(arn)).toList();
        checks.add(new Check("job queue architecture", foreign.isEmpty(),
                foreign.isEmpty() ? "only the orchestrator's arm64 compute environments" : "also holds " + String.join(",", foreign),
                "A queue holds one CPU architecture: move other compute environments to a queue of their own."));
    }

    private void jobDefinitions(BatchClient batch) {
        List<JobDefinition> defs = new ArrayList<>();
        batch.describeJobDefinitionsPaginator(r -> r.status("ACTIVE")).jobDefinitions().forEach(d -> {
            if (d.jobDefinitionName().startsWith(prefix + "-")) {
                defs.add(d);
            }
        });
        if (defs.isEmpty()) {
            checks.add(new Check("job definitions", true, "none yet (registered on the first run)", ""));
            return;
        }
        for (JobDefinition d : defs) {
            boolean ec2 = d.platformCapabilitiesAsStrings().isEmpty() || d.platformCapabilitiesAsStrings().contains("EC2");
            checks.add(new Check("job definition " + d.jobDefinitionName() + ":" + d.revision(), ec2,
                    "platform " + (d.platformCapabilitiesAsStrings().isEmpty() ? "EC2" : String.join(",", d.platformCapabilitiesAsStrings())),
                    "Register it with platformCapabilities [EC2] for the arm64 EC2 queue."));
        }
    }

    private void image() {
        if (image == null) {
            checks.add(new Check("image", false, "no image given", "Pass --image <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>."));
            return;
        }
        int slash = image.indexOf('/');
        int colon = image.lastIndexOf(':');
        if (!image.contains(".dkr.ecr.") || slash < 0) {
            checks.add(new Check("image linux/arm64", false, image + " is not in ECR; cannot inspect it here",
                    "Check it yourself: docker manifest inspect " + image + " | grep arm64"));
            return;
        }
        String repo = colon > slash ? image.substring(slash + 1, colon) : image.substring(slash + 1);
        String tag = colon > slash ? image.substring(colon + 1) : "latest";
        try (EcrClient ecr = aws.ecr()) {
            var images = ecr.batchGetImage(r -> r.repositoryName(repo)
                    .imageIds(ImageIdentifier.builder().imageTag(tag).build())
                    .acceptedMediaTypes("application/vnd.docker.distribution.manifest.list.v2+json",
                            "application/vnd.oci.image.index.v1+json",
                            "application/vnd.docker.distribution.manifest.v2+json",
                            "application/vnd.oci.image.manifest.v1+json"));
            if (images.images().isEmpty()) {
                String why = images.failures().isEmpty() ? "not found" : images.failures().get(0).failureReason();
                checks.add(new Check("image linux/arm64", false, repo + ":" + tag + " " + why,
                        "Push it: docker buildx build --platform linux/arm64 -t " + image + " --push ."));
                return;
            }
            String manifest = images.images().get(0).imageManifest();
            boolean arm = manifest != null && manifest.replace(" ", "").contains("\"architecture\":\"arm64\"");
            checks.add(new Check("image linux/arm64", arm, arm ? repo + ":" + tag + " has a linux/arm64 manifest"
                    : repo + ":" + tag + " has no linux/arm64 manifest (jobs would fail with exec format error)",
                    "Rebuild and push for arm64: docker buildx build --platform linux/arm64 -t " + image + " --push ."));
        } catch (SdkException e) {
            checks.add(new Check("image linux/arm64", false, oneLine(e), "Allow ecr:BatchGetImage and check the repository name."));
        }
    }

    private static Set<String> nonArm(Ec2Client ec2, List<String> types) {
        Set<String> nonArm = new TreeSet<>();
        List<String> concrete = types.stream().filter(t -> t.contains(".")).toList();
        if (!concrete.isEmpty()) {
            for (InstanceTypeInfo info : ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(concrete)).instanceTypes()) {
                if (!info.processorInfo().supportedArchitectures().contains(ArchitectureType.ARM64)) {
                    nonArm.add(info.instanceTypeAsString());
                }
            }
        }
        for (String t : types) {
            if (!t.contains(".") && !Architectures.isArm64Family(t)) {
                nonArm.add(t); // a bare family ("optimal", "m6i") that is not a Graviton family
            }
        }
        return nonArm;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
