package dev.gbo.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.ec2.InstanceCatalogue;
import dev.gbo.local.fleet.BatchModel.Attempt;
import dev.gbo.local.fleet.BatchModel.ComputeEnvironment;
import dev.gbo.local.fleet.BatchModel.Job;
import dev.gbo.local.fleet.BatchModel.JobDefinition;
import dev.gbo.local.fleet.BatchModel.JobQueue;
import dev.gbo.local.fleet.BatchModel.TimeLimitAction;
import dev.gbo.local.scenario.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

    @Test
    void link_ofEncodedModel_takesBackRecordsByTheirComponents() {
        ComputeEnvironment ce = new ComputeEnvironment();
        ce.name = "ce";
        ce.arn = "arn:aws:batch:us-east-1:123456789012:compute-environment/ce";
        ce.status = CEStatus.VALID;
        ce.state = CEState.ENABLED;
        ce.instanceTypes = InstanceCatalogue.family("m8g");
        ce.maxvCpus = 16;
        JobQueue q = new JobQueue();
        q.name = "q";
        q.state = JQState.ENABLED;
        q.status = JQStatus.VALID;
        q.order.add(ce);
        q.timeLimitActions = List.of(new TimeLimitAction("CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY", "RUNNABLE", 600, "CANCEL"));
        JobDefinition d = new JobDefinition();
        d.name = "app";
        d.revision = 1;
        d.arn = "arn:aws:batch:us-east-1:123456789012:job-definition/app:1";
        Job j = new Job();
        j.id = "j-1";
        j.name = "job-1";
        j.queue = q;
        j.definition = d;
        j.status = JobStatus.RUNNING;
        j.placedOn = ce;
        j.vcpus = 2;
        j.reservedVcpus = 2;
        j.lineSeq = 7;
        Attempt a = new Attempt();
        a.outcome = new Scenario.Outcome(Scenario.OutcomeType.EXIT, 120L, 3, "why", List.of("line ${ARCH}"));
        a.startedAt = 1_000L;
        j.current = a;

        BatchCodec.Model m = BatchCodec.link(List.of(BatchCodec.computeEnvironment(ce)), List.of(BatchCodec.jobQueue(q)),
                List.of(BatchCodec.jobDefinition(d)), List.of(BatchCodec.job(j)));

        ComputeEnvironment ce2 = m.computeEnvironments().get("ce");
        assertThat(ce2.instanceTypes).isEqualTo(InstanceCatalogue.family("m8g")).isNotEmpty();
        assertThat(ce2.usedVcpus).isEqualTo(2);
        JobQueue q2 = m.queues().get("q");
        assertThat(q2.timeLimitActions).isEqualTo(q.timeLimitActions);
        assertThat(q2.order).containsExactly(ce2);
        Job j2 = m.jobs().get("j-1");
        assertThat(j2.current.outcome).isEqualTo(a.outcome);
        assertThat(j2.current.startedAt).isEqualTo(1_000L);
        assertThat(j2.placedOn).isSameAs(ce2);
        assertThat(j2.lineSeq).isEqualTo(7);
        assertThat(BatchCodec.job(j2)).isEqualTo(BatchCodec.job(j));
    }
}
