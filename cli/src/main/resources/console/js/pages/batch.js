// AWS Batch: compute environments (status, instance types, vCPUs), job queues and their jobs, read with
// DescribeComputeEnvironments, DescribeJobQueues and ListJobs; refreshed while something is changing.
import { batch, all } from '../aws.js';
import { h, fill, table, panel, breadcrumbs, pageHead, timeEl, statusBadge, enc, fmtDuration, poll, arnName } from '../ui.js';

const JOB_FILTERS = [['', 'All'], ['RUNNABLE', 'Runnable'], ['RUNNING', 'Running'], ['SUCCEEDED', 'Succeeded'], ['FAILED', 'Failed']];
const SETTLED = new Set(['SUCCEEDED', 'FAILED']);

async function load() {
  const [environments, queues] = await Promise.all([
    all(i => batch('describecomputeenvironments', i), {}, 'computeEnvironments'),
    all(i => batch('describejobqueues', i), {}, 'jobQueues'),
  ]);
  const lists = await Promise.all(queues.map(q => all(i => batch('listjobs', i),
    { jobQueue: q.jobQueueName, filters: [{ name: 'AFTER_CREATED_AT', values: ['0'] }] }, 'jobSummaryList', 'nextToken', 10)
    .then(jobs => jobs.map(j => ({ ...j, queue: q.jobQueueName })))));
  const jobs = lists.flat().sort((a, b) => (b.createdAt || 0) - (a.createdAt || 0));
  return { environments, queues, jobs };
}

export async function render(view, { query }) {
  const filter = JOB_FILTERS.some(([v]) => v === query.status) ? query.status : '';
  let data = await load();
  const envHolder = h('div', {});
  const queueHolder = h('div', {});
  const jobHolder = h('div', {});
  const updated = h('span', { class: 'muted' });

  const draw = () => {
    fill(envHolder, table([
      { label: 'Name', cell: c => h('strong', {}, c.computeEnvironmentName) },
      { label: 'State', cell: c => statusBadge(c.state) },
      { label: 'Status', cell: c => statusBadge(c.status) },
      { label: 'Status reason', cell: c => c.statusReason || '\u2013' },
      { label: 'Provisioning', cell: c => c.computeResources ? `${c.computeResources.type || ''} \u00B7 ${c.computeResources.allocationStrategy || ''}` : c.type },
      { label: 'Instance types', cell: c => h('code', {}, ((c.computeResources || {}).instanceTypes || []).join(', ') || '\u2013') },
      { label: 'vCPUs (min / desired / max)', cell: c => { const r = c.computeResources || {}; return `${r.minvCpus ?? '\u2013'} / ${r.desiredvCpus ?? '\u2013'} / ${r.maxvCpus ?? '\u2013'}`; } },
      { label: 'Subnets', cell: c => ((c.computeResources || {}).subnets || []).length },
    ], data.environments, { caption: 'Compute environments', empty: 'No compute environment yet: the orchestrator creates one for the family it picks, on the first execution.' }));

    fill(queueHolder, table([
      { label: 'Name', cell: q => h('strong', {}, q.jobQueueName) },
      { label: 'State', cell: q => statusBadge(q.state) },
      { label: 'Status', cell: q => statusBadge(q.status) },
      { label: 'Priority', cell: q => String(q.priority) },
      { label: 'Compute environments', cell: q => (q.computeEnvironmentOrder || []).map(o => arnName(o.computeEnvironment)).join(', ') },
      { label: 'Time limit actions', cell: q => (q.jobStateTimeLimitActions || []).map(a => `${a.action} after ${fmtDuration(a.maxTimeSeconds * 1000)} in ${a.state} (${a.reason})`).join('; ') || '\u2013' },
      { label: 'Jobs', cell: q => String(data.jobs.filter(j => j.queue === q.jobQueueName).length) },
    ], data.queues, { caption: 'Job queues', empty: 'No job queue yet.' }));

    const shown = data.jobs.filter(j => !filter || j.status === filter);
    fill(jobHolder, table([
      { label: 'Job name', cell: j => h('a', { href: `#/batch/jobs/${enc(j.jobId)}`, 'data-job': j.jobId }, j.jobName) },
      { label: 'Status', cell: j => statusBadge(j.status) },
      { label: 'Queue', cell: j => j.queue },
      { label: 'Created', cell: j => timeEl(j.createdAt), class: 'nowrap' },
      { label: 'Started', cell: j => timeEl(j.startedAt), class: 'nowrap' },
      { label: 'Run time', cell: j => j.startedAt ? fmtDuration((j.stoppedAt || Date.now()) - j.startedAt) : '\u2013' },
      { label: 'Status reason', cell: j => j.statusReason || '\u2013' },
    ], shown, { caption: 'Jobs', empty: filter ? 'No job with this status.' : 'No job yet.' }));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  };
  draw();
  const refresh = async () => { data = await load(); draw(); };
  const filters = h('nav', { class: 'segments', 'aria-label': 'Filter jobs by status' },
    JOB_FILTERS.map(([v, label]) => h('a', { href: `#/batch${v ? `?status=${v}` : ''}`, 'aria-current': v === filter ? 'true' : null }, label)));

  fill(view, 
    breadcrumbs(['AWS Batch', '#/batch'], ['Environments, queues, jobs']),
    pageHead('AWS Batch', { actions: [updated, h('button', { type: 'button', onclick: refresh }, 'Refresh')] }),
    h('p', { class: 'page-lead' }, 'The simulated Graviton fleet. The orchestrator keeps one architecture-pure compute environment and queue per instance family.'),
    panel('Compute environments', { count: data.environments.length, flush: true, id: 'compute-environments' }, envHolder),
    panel('Job queues', { count: data.queues.length, flush: true, id: 'job-queues' }, queueHolder),
    panel('Jobs', { count: data.jobs.length, flush: true, id: 'jobs' }, h('div', { class: 'panel-body' }, filters), jobHolder));

  return poll(async () => {
    const busy = data.jobs.some(j => !SETTLED.has(j.status))
      || data.environments.some(c => c.status === 'CREATING' || c.status === 'UPDATING');
    if (busy) await refresh();
  }, 2000);
}

