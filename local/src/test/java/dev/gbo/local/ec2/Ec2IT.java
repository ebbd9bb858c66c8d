package dev.gbo.local.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.batch.Sdk;
import dev.gbo.local.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureType;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.Subnet;

class Ec2IT {
    LocalCloud cloud;
    Ec2Client ec2;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0)
                .scenario(ScenarioLoader.load(Path.of("..", "scenarios", "demo.json"))).build().start();
        ec2 = Sdk.client(Ec2Client.builder(), cloud);
    }

    @AfterEach
    void stop() {
        ec2.close();
        cloud.close();
    }

    @Test
    void describeInstanceTypeOfferings_regionWithWildcard_listsM9gSizes() {
        DescribeInstanceTypeOfferingsResponse r = ec2.describeInstanceTypeOfferings(b -> b
                .filters(Filter.builder().name("instance-type").values("m9g.*").build()));
        assertThat(r.instanceTypeOfferings()).extracting(o -> o.instanceType().toString())
                .contains("m9g.medium", "m9g.large", "m9g.48xlarge", "m9g.metal-48xl").hasSize(11);
        assertThat(r.instanceTypeOfferings().get(0).locationType()).isEqualTo(LocationType.REGION);
        assertThat(r.instanceTypeOfferings().get(0).location()).isEqualTo("us-east-1");
    }

    @Test
    void describeInstanceTypeOfferings_availabilityZones_m9gOnlyInUsEast1c() {
        List<InstanceTypeOffering> offerings = ec2.describeInstanceTypeOfferingsPaginator(b -> b
                .locationType(LocationType.AVAILABILITY_ZONE).maxResults(5)
                .filters(Filter.builder().name("instance-type").values("m9g.larg?").build()))
                .instanceTypeOfferings().stream().toList();
        assertThat(offerings).extracting(InstanceTypeOffering::location).containsExactly("us-east-1c");
        List<InstanceTypeOffering> m8g = ec2.describeInstanceTypeOfferings(b -> b
                .locationType(LocationType.AVAILABILITY_ZONE)
                .filters(Filter.builder().name("instance-type").values("m8g.large").build(),
                        Filter.builder().name("location").values("us-east-1a", "us-east-1b").build()))
                .instanceTypeOfferings();
        assertThat(m8g).extracting(InstanceTypeOffering::location).containsExactly("us-east-1a", "us-east-1b");
    }

    @Test
    void describeInstanceTypeOfferings_availabilityZoneId_usesZoneIds() {
        List<InstanceTypeOffering> offerings = ec2.describeInstanceTypeOfferings(b -> b
                .locationType(LocationType.AVAILABILITY_ZONE_ID)
                .filters(Filter.builder().name("instance-type").values("m9g.large").build())).instanceTypeOfferings();
        assertThat(offerings).extracting(InstanceTypeOffering::location).containsExactly("use1-az3");
    }

    @Test
    void describeInstanceTypeOfferings_paging_followsNextToken() {
        DescribeInstanceTypeOfferingsResponse first = ec2.describeInstanceTypeOfferings(b -> b.maxResults(5)
                .filters(Filter.builder().name("instance-type").values("m8g.*").build()));
        assertThat(first.instanceTypeOfferings()).hasSize(5);
        assertThat(first.nextToken()).isNotBlank();
        DescribeInstanceTypeOfferingsResponse second = ec2.describeInstanceTypeOfferings(b -> b.maxResults(5)
                .nextToken(first.nextToken()).filters(Filter.builder().name("instance-type").values("m8g.*").build()));
        assertThat(second.instanceTypeOfferings().get(0).instanceTypeAsString()).isNotEqualTo(
                first.instanceTypeOfferings().get(0).instanceTypeAsString());
    }

    @Test
    void describeInstanceTypeOfferings_badLocationType_invalidParameterValue() {
        assertThatThrownBy(() -> ec2.describeInstanceTypeOfferings(b -> b.locationType("planet")))
                .isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void describeInstanceTypeOfferings_unknownFilter_invalidParameterValue() {
        assertThatThrownBy(() -> ec2.describeInstanceTypeOfferings(b -> b
                .filters(Filter.builder().name("colour").values("blue").build())))
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void describeInstanceTypes_m9gLarge_isArm64WithRealSize() {
        DescribeInstanceTypesResponse r = ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("m9g.large", "m9g.48xlarge"));
        assertThat(r.instanceTypes()).hasSize(2);
        var large = r.instanceTypes().get(0);
        assertThat(large.instanceTypeAsString()).isEqualTo("m9g.large");
        assertThat(large.processorInfo().supportedArchitectures()).containsExactly(ArchitectureType.ARM64);
        assertThat(large.vCpuInfo().defaultVCpus()).isEqualTo(2);
        assertThat(large.memoryInfo().sizeInMiB()).isEqualTo(8192);
        assertThat(large.currentGeneration()).isTrue();
        assertThat(r.instanceTypes().get(1).vCpuInfo().defaultVCpus()).isEqualTo(192);
        assertThat(r.instanceTypes().get(1).memoryInfo().sizeInMiB()).isEqualTo(768 * 1024);
    }

    @Test
    void describeInstanceTypes_architectureFilter_listsOnlyArm() {
        var types = ec2.describeInstanceTypesPaginator(b -> b.filters(
                Filter.builder().name("processor-info.supported-architecture").values("arm64").build(),
                Filter.builder().name("instance-type").values("m*").build())).instanceTypes().stream().toList();
        assertThat(types).isNotEmpty().allSatisfy(t ->
                assertThat(t.processorInfo().supportedArchitectures()).containsExactly(ArchitectureType.ARM64));
        assertThat(types).extracting(t -> t.instanceTypeAsString()).contains("m8g.metal-24xl", "m6g.metal")
                .doesNotContain("m7i.large");
        var x86 = ec2.describeInstanceTypes(b -> b.instanceTypes(InstanceType.M6_I_LARGE)).instanceTypes().get(0);
        assertThat(x86.processorInfo().supportedArchitectures()).containsExactly(ArchitectureType.X86_64);
    }

    @Test
    void describeInstanceTypes_unknownType_invalidInstanceType() {
        assertThatThrownBy(() -> ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("m9g.huge")))
                .isInstanceOf(Ec2Exception.class)
                .satisfies(e -> {
                    Ec2Exception ex = (Ec2Exception) e;
                    assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceType");
                    assertThat(ex.awsErrorDetails().errorMessage()).contains("m9g.huge");
                    assertThat(ex.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void describeSubnets_byId_givesZones() {
        List<Subnet> subnets = ec2.describeSubnets(b -> b.subnetIds("subnet-0123456789abcdef0",
                "subnet-0123456789abcdef1")).subnets();
        assertThat(subnets).extracting(Subnet::availabilityZone).containsExactly("us-east-1a", "us-east-1b");
        assertThat(subnets.get(0).vpcId()).isEqualTo("vpc-0123456789abcdef0");
        assertThat(subnets.get(0).availabilityZoneId()).isEqualTo("use1-az1");
    }

    @Test
    void describeSubnets_filters_matchVpcAndZone() {
        assertThat(ec2.describeSubnets(b -> b.filters(Filter.builder().name("vpc-id").values("vpc-0123456789abcdef0").build(),
                Filter.builder().name("availability-zone").values("us-east-1b").build())).subnets())
                .extracting(Subnet::subnetId).containsExactly("subnet-0123456789abcdef1");
    }

    @Test
    void describeSubnets_unknownId_invalidSubnetIdNotFound() {
        assertThatThrownBy(() -> ec2.describeSubnets(b -> b.subnetIds("subnet-0000000000000000f")))
                .satisfies(e -> {
                    Ec2Exception ex = (Ec2Exception) e;
                    assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InvalidSubnetID.NotFound");
                    assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("The subnet ID 'subnet-0000000000000000f' does not exist");
                });
    }

    @Test
    void describeAvailabilityZones_default_listsScenarioZones() {
        assertThat(ec2.describeAvailabilityZones().availabilityZones()).extracting(z -> z.zoneName())
                .containsExactly("us-east-1a", "us-east-1b", "us-east-1c");
    }
}
