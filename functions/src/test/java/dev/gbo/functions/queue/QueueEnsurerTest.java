package dev.gbo.functions.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.functions.support.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.CEState;
import software.amazon.awssdk.services.batch.model.CEStatus;
import software.amazon.awssdk.services.batch.model.CRType;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeResource;
import software.amazon.awssdk.services.batch.model.JobStateTimeLimitAction;

/** The decisions QueueEnsurer takes on Batch's data; the calls themselves are covered by the *IT tests. */
class QueueEnsurerTest {
    private static ComputeEnvironmentDetail ce(CRType type, String... instanceTypes) {
        return ComputeEnvironmentDetail.builder().computeEnvironmentName("ce").computeEnvironmentArn("arn:ce")
                .computeResources(ComputeResource.builder().type(type).instanceTypes(instanceTypes).build()).build();
    }

    @Test
    void architectureProblem_arm64Ec2Environment_none() {
        assertThat(QueueEnsurer.architectureProblem(ce(CRType.EC2, "m8g.large", "m8g.xlarge", "m7g"))).isNull();
        assertThat(QueueEnsurer.architectureProblem(ce(CRType.SPOT, "m9g.medium"))).isNull();
    }

    @Test
    void architectureProblem_x86OrFargateOrOptimal_named() {
        assertThat(QueueEnsurer.architectureProblem(ce(CRType.EC2, "m8g.large", "m7i.large"))).contains("[m7i.large]");
        assertThat(QueueEnsurer.architectureProblem(ce(CRType.EC2, "optimal"))).contains("optimal");
        assertThat(QueueEnsurer.architectureProblem(ce(CRType.FARGATE))).contains("FARGATE");
        assertThat(QueueEnsurer.architectureProblem(ce(CRType.EC2))).contains("no instance types");
        assertThat(QueueEnsurer.architectureProblem(ComputeEnvironmentDetail.builder().computeEnvironmentName("u").build()))
                .contains("UNMANAGED");
    }

    @Test
    void timeLimitActions_threeReasonsCancelAfterRunnableTimeout() {
        QueueEnsurer ensurer = new QueueEnsurer(null, Config.from(Map.of("RUNNABLE_TIMEOUT_SECONDS", "900")));

        assertThat(ensurer.timeLimitActions()).extracting(JobStateTimeLimitAction::reason).containsExactlyInAnyOrder(
                "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
                "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT");
        assertThat(ensurer.timeLimitActions()).allSatisfy(a -> {
            assertThat(a.maxTimeSeconds()).isEqualTo(900);
            assertThat(a.actionAsString()).isEqualTo("CANCEL");
            assertThat(a.stateAsString()).isEqualTo("RUNNABLE");
        });
    }

    @Test
    void fixHint_knownStatusReasons_pointAtTheVariable() {
        assertThat(QueueEnsurer.fixHint("CLIENT_ERROR - The subnet ID 'subnet-1' does not exist")).contains("SUBNET_IDS");
        assertThat(QueueEnsurer.fixHint("CLIENT_ERROR - security group sg-1 not found")).contains("SECURITY_GROUP_IDS");
        assertThat(QueueEnsurer.fixHint("CLIENT_ERROR - Invalid IamInstanceProfile: instance profile ecsInstanceRole")).contains("INSTANCE_ROLE_ARN");
        assertThat(QueueEnsurer.fixHint(null)).isNotBlank();
    }

    private static ComputeEnvironmentDetail env(String family, CEStatus status) {
        return ComputeEnvironmentDetail.builder().computeEnvironmentName("gbo-" + family + "-od")
                .computeEnvironmentArn("arn:aws:batch:us-east-1:123456789012:compute-environment/gbo-" + family + "-od")
                .status(status).state(CEState.ENABLED)
                .computeResources(ComputeResource.builder().type(CRType.EC2).instanceTypes(family + ".large").build()).build();
    }

    @Test
    void desiredOrder_oursFirstThenOtherUsableAttachedCappedAtThree() {
        List<ComputeEnvironmentDetail> order = QueueEnsurer.desiredOrder(env("m8g", CEStatus.VALID), true,
                List.of(env("m6g", CEStatus.VALID), env("m7g", CEStatus.VALID), env("m9g", CEStatus.VALID)));

        assertThat(order).extracting(ComputeEnvironmentDetail::computeEnvironmentName)
                .containsExactly("gbo-m8g-od", "gbo-m6g-od", "gbo-m7g-od");
    }

    @Test
    void desiredOrder_invalidAttachedEnvironment_leaves() {
        List<ComputeEnvironmentDetail> order = QueueEnsurer.desiredOrder(env("m8g", CEStatus.VALID), true,
                List.of(env("m8g", CEStatus.VALID), env("m7g", CEStatus.INVALID), env("m6g", CEStatus.UPDATING)));

        assertThat(order).extracting(ComputeEnvironmentDetail::computeEnvironmentName).containsExactly("gbo-m8g-od", "gbo-m6g-od");
    }

    @Test
    void desiredOrder_oursNotValidYet_joinsOnlyWhenAlreadyAttached() {
        ComputeEnvironmentDetail creating = env("m8g", CEStatus.CREATING);

        assertThat(QueueEnsurer.desiredOrder(creating, false, List.of())).isEmpty();
        assertThat(QueueEnsurer.desiredOrder(env("m8g", CEStatus.UPDATING), false, List.of(env("m8g", CEStatus.UPDATING))))
                .hasSize(1);
    }

    private static ComputeEnvironmentDetail withResources(List<String> types, List<String> subnets) {
        return ComputeEnvironmentDetail.builder().computeEnvironmentName("gbo-m8g-od").status(CEStatus.VALID)
                .state(CEState.ENABLED).computeResources(ComputeResource.builder().type(CRType.EC2)
                        .instanceTypes(types).subnets(subnets).build()).build();
    }

    @Test
    void widening_familyAndSubnetsCovered_none() {
        assertThat(QueueEnsurer.widening(withResources(List.of("m8g"), List.of("subnet-a", "subnet-b")), "m8g",
                List.of("subnet-b"))).isNull();
    }

    @Test
    void widening_explicitSizesOfTheFamily_becomeTheFamilyAndNeverNarrow() {
        QueueEnsurer.Widening w = QueueEnsurer.widening(withResources(List.of("m8g.large", "m8g.xlarge"),
                List.of("subnet-a")), "m8g", List.of("subnet-b"));

        assertThat(w.instanceTypes()).containsExactly("m8g");
        assertThat(w.subnets()).containsExactly("subnet-a", "subnet-b");
    }

    @Test
    void widening_sameInputTwice_sameTarget() {
        ComputeEnvironmentDetail narrow = withResources(List.of("m8g.large"), List.of("subnet-a"));

        assertThat(QueueEnsurer.widening(narrow, "m8g", List.of("subnet-a", "subnet-b")))
                .isEqualTo(QueueEnsurer.widening(narrow, "m8g", List.of("subnet-a", "subnet-b")));
    }
}
