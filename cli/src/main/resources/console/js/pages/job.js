// One Batch job: details (DescribeJobs), its status timeline (from the "Batch Job State Change" events
// the console API keeps), its attempts, and the log lines of each attempt (CloudWatch Logs GetLogEvents
// on the attempt's log stream).
import { batch, logs, consoleApi } from '../aws.js';
import {
  h, fill, table, panel, keyValues, breadcrumbs, pageHead, timeEl, statusBadge, jsonBlock, fmtDuration, poll, arnName, fmtTime,
  statusInfo, announce,
} from '../ui.js';

const SETTLED = new Set(['SUCCEEDED', 'FAILED']);

async function load(id) {
  const [described, statuses] = await Promise.all([
    batch('describejobs', { jobs: [id] }),
    consoleApi('job-statuses', { jobId: id }),
  ]);
  const job = (described.jobs || [])[0];
  if (!job) throw Object.assign(new Error(`Batch has no job ${id}.`), { code: 'JobNotFound' });
  return { job, statuses };
}

async function logLines(job, attempt) {
  const stream = attempt.container && attempt.container.logStreamName;
  if (!stream) return { stream: null, lines: [] };
  const options = ((job.container || {}).logConfiguration || {}).options || {};
  const group = options['awslogs-group'] || '/aws/batch/job';
  const lines = [];
  let token;
  for (let page = 0; page < 20; page++) {
    const r = await logs('GetLogEvents', { logGroupName: group, logStreamName: stream, startFromHead: true, ...(token ? { nextToken: token } : {}) });
    lines.push(...(r.events || []));
    if (!r.nextForwardToken || r.nextForwardToken === token || !(r.events || []).length) break;
    token = r.nextForwardToken;
  }
  return { group, stream, lines };
}

function statusSteps(recorded, job) {
  // the job was SUBMITTED when it was created (DescribeJobs' createdAt), whether or not an event said so
  const statuses = recorded.length && recorded[0].status !== 'SUBMITTED' && job.createdAt
    ? [{ status: 'SUBMITTED', at: job.createdAt }, ...recorded] : recorded;
  if (!statuses.length) return h('p', { class: 'muted' }, 'No status change recorded yet.');
  return h('ol', { class: 'steps', 'aria-label': 'Status changes, oldest first' }, statuses.map((s, i) => {
    const last = i === statuses.length - 1;
    const cls = s.status === 'FAILED' ? 'bad' : last && !SETTLED.has(job.status) ? 'now' : 'done';
    return h('li', { class: cls, 'data-status': s.status },
      h('strong', {}, `${statusInfo(s.status).icon} ${statusInfo(s.status).label}`),
      h('span', { class: 'when' }, fmtTime(s.at)),
      s.reason && (s.status === 'FAILED' || s.status === 'SUCCEEDED' || s.status === 'RUNNABLE') ? h('span', { class: 'why' }, s.reason) : null);
  }));
}

function logBlock(result, filter) {
  if (!result.stream) return h('p', { class: 'muted' }, 'This attempt has no log stream (it never ran).');
  if (!result.lines.length) return h('p', { class: 'muted' }, `No line in ${result.stream} yet.`);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? result.lines.filter(l => l.message.toLowerCase().includes(needle)) : result.lines;
  const mark = text => {
    if (!needle) return text;
    const parts = [];
    let at = 0;
    const lower = text.toLowerCase();
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, at)) {
      parts.push(text.slice(at, i), h('mark', {}, text.slice(i, i + needle.length)));
      at = i + needle.length;
    }
    parts.push(text.slice(at));
    return parts;
  };
  return h('div', {},
    h('p', { class: 'hint' }, `${result.group} \u203A ${result.stream} \u00B7 ${shown.length} of ${result.lines.length} lines`),
    h('ol', { class: 'log', tabindex: '0', 'aria-label': `Log lines of ${result.stream}` },
      shown.map(l => h('li', { class: 'log-line' }, h('time', {}, fmtTime(l.timestamp)), h('span', {}, mark(l.message))))));
}

export async function render(view, { params }) {
  const id = params[0];
  let { job, statuses } = await load(id);
  const badge = h('span', { 'aria-live': 'polite' });
  const details = h('div', {});
  const steps = h('div', {});
  const attemptsHolder = h('div', {});
  const logsHolder = h('div', {});
  const filter = h('input', { type: 'text', id: 'log-filter', placeholder: 'e.g. aarch64', autocomplete: 'off' });
  let results = [];

  const drawLogs = () => {
    fill(logsHolder, ...(job.attempts || []).map((a, i) => h('section', { class: 'attempt-log', 'aria-label': `Attempt ${i + 1} log` },
      h('h3', {}, `Attempt ${i + 1}`), logBlock(results[i] || { stream: null, lines: [] }, filter.value))));
    if (!(job.attempts || []).length) fill(logsHolder, h('p', { class: 'muted' }, 'No attempt has started yet.'));
  };
  filter.addEventListener('input', drawLogs);

  const draw = async () => {
    fill(badge, statusBadge(job.status));
    const c = job.container || {};
    const resources = Object.fromEntries((c.resourceRequirements || []).map(r => [r.type, r.value]));
    fill(details, keyValues([
      ['Job ID', h('code', {}, job.jobId)],
      ['Status', statusBadge(job.status)],
      ['Status reason', job.statusReason || '\u2013'],
      ['Job queue', h('a', { href: '#/batch' }, arnName(job.jobQueue))],
      ['Job definition', arnName(job.jobDefinition)],
      ['Image', h('code', { class: 'break' }, c.image || '\u2013')],
      ['Command', h('code', {}, (c.command || []).join(' ') || '\u2013')],
      ['vCPUs / memory', `${resources.VCPU || c.vcpus || '\u2013'} vCPU / ${resources.MEMORY || c.memory || '\u2013'} MiB`],
      ['Created', timeEl(job.createdAt)],
      ['Started', timeEl(job.startedAt)],
      ['Stopped', timeEl(job.stoppedAt)],
      ['Retry strategy', job.retryStrategy ? `${job.retryStrategy.attempts} attempts` : '\u2013'],
      ['Execution', job.parameters && job.parameters.gboExecution ? h('code', {}, job.parameters.gboExecution) : '\u2013'],
    ]), h('details', {}, h('summary', {}, 'Parameters'), jsonBlock(job.parameters || {}, 'Job parameters')));
    fill(steps, statusSteps(statuses, job));
    fill(attemptsHolder, table([
      { label: '#', cell: a => String(a.index + 1) },
      { label: 'Started', cell: a => timeEl(a.startedAt), class: 'nowrap' },
      { label: 'Stopped', cell: a => timeEl(a.stoppedAt), class: 'nowrap' },
      { label: 'Duration', cell: a => a.startedAt && a.stoppedAt ? fmtDuration(a.stoppedAt - a.startedAt) : '\u2013' },
      { label: 'Exit code', cell: a => a.container && a.container.exitCode !== undefined ? String(a.container.exitCode) : '\u2013' },
      { label: 'Status reason', cell: a => (a.container && a.container.reason) || a.statusReason || '\u2013' },
      { label: 'Log stream', cell: a => h('code', { class: 'break' }, (a.container && a.container.logStreamName) || '\u2013') },
    ], (job.attempts || []).map((a, i) => Object.assign(a, { index: i })), { caption: 'Attempts', empty: 'No attempt has started yet.' }));
    results = await Promise.all((job.attempts || []).map(a => logLines(job, a)));
    drawLogs();
  };
  await draw();

  fill(view, 
    breadcrumbs(['AWS Batch', '#/batch'], ['Jobs', '#/batch'], [job.jobName]),
    pageHead(job.jobName, { badge }),
    panel('Details', { id: 'job-details' }, details),
    panel('Status timeline', { id: 'job-timeline', lead: 'Each "Batch Job State Change" the job emitted, in simulated time.' }, steps),
    panel('Attempts', { id: 'job-attempts', flush: true, count: (job.attempts || []).length }, attemptsHolder),
    panel('Log lines', {
      id: 'job-logs', lead: 'CloudWatch Logs GetLogEvents on each attempt\u2019s log stream.',
      tools: [h('label', { for: 'log-filter', class: 'inline-label' }, 'Find in log'), filter],
    }, logsHolder));

  if (SETTLED.has(job.status)) return null;
  return poll(async () => {
    const before = job.status;
    ({ job, statuses } = await load(id));
    await draw();
    if (before !== job.status) announce(`Job is now ${statusInfo(job.status).label}`);
    return !SETTLED.has(job.status);
  }, 1500);
}
