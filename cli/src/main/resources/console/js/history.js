// Reads a Step Functions execution history (GetExecutionHistory events) into what the console shows:
// each state's runs (entered/exited, input, output, error) and its status, and the Batch jobs the
// execution mentions.

function details(e) {
  const key = Object.keys(e).find(k => k.endsWith('EventDetails'));
  return key ? e[key] : {};
}

const EXECUTION_END = { ExecutionFailed: 'FAILED', ExecutionTimedOut: 'FAILED', ExecutionAborted: 'ABORTED' };

/**
 * {runs: Map name → [{name, type, entered, exited, input, output, error, cause, retries, status}],
 *  statuses: Map name → status of its last run (RUNNING, SUCCEEDED, CAUGHT, FAILED, ABORTED)}
 */
export function stateRuns(events) {
  const runs = new Map();
  const open = [];
  let ended = []; // the runs the last ExecutionFailed/TimedOut/Aborted closed: a redrive continues its Task, Parallel and Map runs
  const lastOpen = pred => { for (let i = open.length - 1; i >= 0; i--) if (pred(open[i])) return open[i]; return null; };
  for (const e of events) {
    const t = e.type;
    const d = details(e);
    if (t.endsWith('StateEntered')) {
      const run = { name: d.name, type: t.slice(0, -'StateEntered'.length), entered: e.timestamp, input: d.input, status: 'RUNNING', retries: 0, events: [e.id] };
      (runs.get(d.name) || runs.set(d.name, []).get(d.name)).push(run);
      open.push(run);
    } else if (t.endsWith('StateExited')) {
      const run = lastOpen(r => r.name === d.name);
      if (!run) continue;
      run.exited = e.timestamp;
      run.output = d.output;
      run.status = run.error ? 'CAUGHT' : 'SUCCEEDED';
      run.events.push(e.id);
      open.splice(open.indexOf(run), 1);
    } else if (EXECUTION_END[t]) {
      for (const run of open) {
        run.status = EXECUTION_END[t];
        run.exited = e.timestamp;
        if (!run.error && d.error) { run.error = d.error; run.cause = d.cause; }
      }
      ended = open.splice(0);
    } else if (t === 'ExecutionRedriven') {
      // RedriveExecution goes on with the unfinished Task, Parallel and Map runs (other states are entered again)
      for (const run of ended.filter(r => ['Task', 'Parallel', 'Map'].includes(r.type))) {
        run.status = 'RUNNING';
        run.exited = undefined;
        run.error = null;
        run.cause = null;
        run.redrives = (run.redrives || 0) + 1;
        run.events.push(e.id);
        open.push(run);
      }
      ended = [];
    } else if (/(Failed|TimedOut)$/.test(t) && !t.startsWith('Execution')) {
      const container = /^(Parallel|Map)State/.test(t);
      const run = lastOpen(r => container ? r.type === t.replace(/State.*$/, '') : true);
      if (run) { run.error = d.error || t; run.cause = d.cause; run.events.push(e.id); }
    } else if (/(Scheduled|Succeeded)$/.test(t) && !t.startsWith('Execution') && !t.endsWith('StateSucceeded')) {
      // a task scheduled again after a failure is a Retry; success after it clears the error
      const run = lastOpen(r => r.type === 'Task' || r.type === 'Parallel' || r.type === 'Map');
      if (run && run.error) {
        if (t.endsWith('Scheduled')) run.retries++;
        run.lastRetriedError = run.error;
        run.error = null;
        run.cause = null;
      }
      if (run) run.events.push(e.id);
    }
  }
  const statuses = new Map();
  for (const [name, list] of runs) statuses.set(name, list[list.length - 1].status);
  return { runs, statuses };
}

/** Every Batch job id that the history's task results mention (Submit's TaskSubmitted, the verifier's output). */
export function jobIds(events) {
  const ids = new Set();
  const walk = v => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (typeof v.jobId === 'string' && v.jobId && !v.jobId.includes(':')) ids.add(v.jobId);
      Object.values(v).forEach(walk);
    }
  };
  for (const e of events) {
    if (e.type !== 'TaskSubmitted' && e.type !== 'TaskSucceeded') continue;
    try { walk(JSON.parse(details(e).output || 'null')); } catch { /* not JSON */ }
  }
  return [...ids];
}

/** The state an event belongs to (its name for State* events), for the history table. */
export function eventStep(e, byId) {
  const d = details(e);
  if (d.name) return d.name;
  let prev = byId.get(e.previousEventId);
  for (let hops = 0; prev && hops < 50; hops++) {
    const pd = details(prev);
    if (prev.type.endsWith('StateEntered')) return pd.name;
    prev = byId.get(prev.previousEventId);
  }
  return '';
}

export function eventDetails(e) {
  return details(e);
}
