// One execution: status and details (DescribeExecution), the graph coloured by each state's status,
// each state's input and output, the event history (GetExecutionHistory), the run report's timeline,
// live updates while it runs, Stop (StopExecution) and Redrive (RedriveExecution, when DescribeExecution says REDRIVABLE).
import { sfn, all, timelineSvg } from '../aws.js';
import { renderGraph } from '../graph.js';
import { allStates } from '../graph-layout.js';
import { stateRuns, jobIds, eventStep, eventDetails } from '../history.js';
import {
  h, fill, table, panel, keyValues, breadcrumbs, pageHead, timeEl, statusBadge, enc, jsonBlock, tabs, arnName, fmtDuration, toDate,
  poll, announce, errorNotice, statusInfo,
} from '../ui.js';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

async function fetchAll(arn) {
  const [execution, events] = await Promise.all([
    sfn('DescribeExecution', { executionArn: arn }),
    all(i => sfn('GetExecutionHistory', i), { executionArn: arn, maxResults: 1000 }, 'events', 'nextToken', 50),
  ]);
  return { execution, events };
}

export async function render(view, { params, query }, { info }) {
  const arn = params[0];
  let { execution, events } = await fetchAll(arn);
  const machine = await sfn('DescribeStateMachineForExecution', { executionArn: arn });
  const definition = JSON.parse(machine.definition);
  const states = allStates(definition);
  let model = stateRuns(events);
  let selected = query.state && states.has(query.state) ? query.state : null;
  let graph = null;
  let timelineDrawn = false;

  const badgeHolder = h('span', { id: 'execution-status', 'aria-live': 'polite' });
  const detailsHolder = h('div', {});
  const statePanel = h('aside', { class: 'state-panel', 'aria-label': 'Selected state', id: 'state-panel' });
  const stopDialog = buildStopDialog(execution, async () => {
    await sfn('StopExecution', { executionArn: arn, error: 'Console', cause: 'Stopped from the gbo console' });
    await refresh();
  });
  const stopButton = h('button', { type: 'button', class: 'danger', id: 'stop-execution', onclick: () => stopDialog.showModal() }, 'Stop execution');
  const redriveReason = h('span', { class: 'disabled-reason', id: 'redrive-reason' });
  const redriveButton = h('button', { type: 'button', id: 'redrive-execution', 'aria-describedby': 'redrive-reason',
    onclick: async () => {
      try {
        await sfn('RedriveExecution', { executionArn: arn });
        await refresh();
        live();
      } catch (e) { detailsHolder.prepend(errorNotice(e)); }
    } },
  'Redrive');

  const drawHeader = () => {
    fill(badgeHolder, statusBadge(execution.status));
    stopButton.disabled = execution.status !== 'RUNNING';
    stopButton.title = execution.status === 'RUNNING' ? '' : 'Only a running execution can be stopped';
    // AWS's own verdict: DescribeExecution's redriveStatus and, when NOT_REDRIVABLE, its redriveStatusReason
    const redrivable = execution.redriveStatus === 'REDRIVABLE';
    const supported = info.redrive && info.redrive.supported;
    redriveButton.disabled = !(supported && redrivable);
    redriveReason.textContent = !supported ? info.redrive.reason
      : !redrivable ? (execution.redriveStatusReason || 'This execution cannot be redriven.')
      : execution.redriveCount ? `Redriven ${execution.redriveCount} time${execution.redriveCount === 1 ? '' : 's'}` : '';
  };

  const drawDetails = () => {
    const jobs = jobIds(events);
    const ended = execution.stopDate ? toDate(execution.stopDate) : null;
    fill(detailsHolder, keyValues([
      ['Execution ARN', h('code', { class: 'break' }, arn)],
      ['State machine', h('a', { href: `#/state-machines/${enc(execution.stateMachineArn)}` }, arnName(execution.stateMachineArn))],
      ['Status', statusBadge(execution.status)],
      ['Started', timeEl(execution.startDate)],
      ['Ended', timeEl(execution.stopDate)],
      ['Duration', ended ? fmtDuration(ended - toDate(execution.startDate)) : h('span', { class: 'muted' }, 'running')],
      ['Batch jobs', jobs.length ? h('span', {}, jobs.map((id, i) => [i ? ', ' : '', h('a', { href: `#/batch/jobs/${enc(id)}`, 'data-job': id }, id)]))
        : h('span', { class: 'muted' }, 'none yet')],
      execution.error ? ['Error', h('code', {}, execution.error)] : null,
      execution.cause ? ['Cause', execution.cause] : null,
    ]),
    h('div', { class: 'io-pair' },
      h('details', {}, h('summary', {}, 'Execution input'), jsonBlock(execution.input, 'Execution input')),
      execution.output ? h('details', {}, h('summary', {}, 'Execution output'), jsonBlock(execution.output, 'Execution output')) : null));
  };

  const select = name => {
    selected = name;
    drawStatePanel();
    if (graph) graph.update(model.statuses, selected);
    const url = `#/executions/${enc(arn)}?${new URLSearchParams({ tab: 'graph', state: name, keepFocus: '1' })}`;
    history.replaceState(null, '', url);
  };

  const drawStatePanel = () => {
    if (!selected) {
      fill(statePanel, h('h3', {}, 'State details'),
        h('p', { class: 'muted' }, 'Select a state in the graph (click it, or Tab to it and press Enter) to see its input and output.'));
      return;
    }
    const runs = model.runs.get(selected) || [];
    const def = states.get(selected) || {};
    const run = runs[runs.length - 1];
    const status = model.statuses.get(selected) || 'NOT_RUN';
    fill(statePanel, 
      h('h3', {}, selected, statusBadge(status)),
      keyValues([
        ['Type', def.Type],
        ['Entered', run ? timeEl(run.entered) : '\u2013'],
        ['Duration', run && run.exited ? fmtDuration(toDate(run.exited) - toDate(run.entered)) : run ? 'running' : '\u2013'],
        ['Entries', String(runs.length)],
        run && run.retries ? ['Retries', String(run.retries)] : null,
        run && run.error ? ['Error', h('code', {}, run.error)] : null,
      ]),
      run && run.cause ? h('details', { open: true }, h('summary', {}, 'Cause'), jsonBlock(run.cause, 'Cause')) : null,
      h('h3', {}, 'Input'), run ? jsonBlock(run.input, `Input of ${selected}`) : h('p', { class: 'muted' }, 'Not entered.'),
      h('h3', {}, 'Output'), run && run.output !== undefined ? jsonBlock(run.output, `Output of ${selected}`)
        : h('p', { class: 'muted' }, run ? 'No output yet.' : 'Not entered.'),
      runs.length > 1 ? h('p', { class: 'hint' }, `Showing the last of ${runs.length} entries; the Event history tab has every one.`) : null);
  };

  const drawTable = p => {
    const rows = [...states.entries()].map(([name, def]) => ({ name, def, runs: model.runs.get(name) || [] }));
    fill(p, table([
      { label: 'State', cell: r => h('button', { type: 'button', class: 'link', onclick: () => { tabsEl.select('graph'); select(r.name); } }, r.name) },
      { label: 'Type', cell: r => r.def.Type },
      { label: 'Status', cell: r => statusBadge(model.statuses.get(r.name) || 'NOT_RUN') },
      { label: 'Entries', cell: r => String(r.runs.length) },
      { label: 'First entered', cell: r => r.runs.length ? timeEl(r.runs[0].entered) : '\u2013', class: 'nowrap' },
      { label: 'Last duration', cell: r => { const l = r.runs[r.runs.length - 1]; return l && l.exited ? fmtDuration(toDate(l.exited) - toDate(l.entered)) : '\u2013'; } },
    ], rows, { caption: 'States and their status', rowAttrs: r => ({ 'data-state-row': r.name }) }));
  };

  const drawEvents = p => {
    const byId = new Map(events.map(e => [e.id, e]));
    const t0 = toDate(execution.startDate);
    fill(p, table([
      { label: 'ID', cell: e => String(e.id) },
      { label: 'Type', cell: e => h('span', { class: /Failed|TimedOut|Aborted/.test(e.type) ? 'status bad' : null }, e.type) },
      { label: 'Step', cell: e => eventStep(e, byId) },
      { label: 'Resource', cell: e => { const d = eventDetails(e); return d.resourceType ? `${d.resourceType}: ${d.resource}` : ''; } },
      { label: 'Started after', cell: e => fmtDuration(toDate(e.timestamp) - t0), class: 'nowrap' },
      { label: 'Timestamp', cell: e => timeEl(e.timestamp), class: 'nowrap' },
      { label: 'Details', cell: e => { const d = eventDetails(e); return Object.keys(d).length ? h('details', {}, h('summary', {}, 'Show'), jsonBlock(d, `Details of event ${e.id}`)) : ''; } },
    ], events, { caption: 'Event history', rowAttrs: e => ({ 'data-event-type': e.type }) }));
  };

  const drawTimeline = async p => {
    fill(p, h('p', { class: 'muted' }, 'Rendering the run report\u2019s timeline\u2026'));
    try {
      const svgText = await timelineSvg(arn);
      const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
      const svg = document.importNode(doc.documentElement, true);
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `Timeline of ${execution.name}: states and Batch job attempts over simulated time`);
      fill(p, h('p', { class: 'hint' }, 'The same timeline as the report of gbo run: one lane per state and per job attempt, over simulated time. Hover a bar for its outcome.'),
        h('div', { class: 'timeline-frame', tabindex: '0', 'aria-label': 'Timeline (scrollable)' }, svg));
      timelineDrawn = TERMINAL.has(execution.status);
    } catch (e) {
      fill(p, errorNotice(e));
    }
  };

  const tabsEl = tabs([
    { id: 'graph', label: 'Graph view', render: p => {
      graph = renderGraph(definition, { statuses: model.statuses, selected, onSelect: select, title: `Graph of ${execution.name}, coloured by state status` });
      p.append(h('div', { class: 'graph-split' }, graph, statePanel));
      drawStatePanel();
    } },
    { id: 'table', label: 'Table view', flush: true, render: drawTable },
    { id: 'events', label: `Event history`, flush: true, render: drawEvents },
    { id: 'timeline', label: 'Timeline', render: drawTimeline },
  ], { selected: query.tab || 'graph' });

  async function refresh() {
    const before = execution.status;
    ({ execution, events } = await fetchAll(arn));
    model = stateRuns(events);
    drawHeader();
    drawDetails();
    if (graph) graph.update(model.statuses, selected);
    drawStatePanel();
    for (const id of ['table', 'events']) if (tabsEl.panel(id).dataset.rendered) tabsEl.rerender(id);
    if (tabsEl.panel('timeline').dataset.rendered && !timelineDrawn) tabsEl.rerender('timeline');
    if (before !== execution.status) announce(`Execution ${execution.name} is now ${statusInfo(execution.status).label}`);
    return !TERMINAL.has(execution.status);
  }

  drawHeader();
  drawDetails();
  fill(view, 
    breadcrumbs(['Step Functions', '#/state-machines'], ['Executions', '#/executions'], [execution.name]),
    pageHead(execution.name, {
      badge: badgeHolder,
      actions: [h('div', { class: 'redrive' }, redriveButton, redriveReason), stopButton],
    }),
    panel('Details', { id: 'execution-details' }, detailsHolder),
    h('section', { class: 'panel', 'aria-label': 'Execution views' }, tabsEl),
    stopDialog);
  // polls while the execution runs; a redrive makes a closed execution run again
  let stopPolling = null;
  function live() {
    if (stopPolling || TERMINAL.has(execution.status)) return;
    stopPolling = poll(async () => {
      const more = await refresh();
      if (!more) stopPolling = null;
      return more;
    }, 1000);
  }
  live();
  return () => { if (stopPolling) stopPolling(); stopPolling = null; };
}

function buildStopDialog(execution, stop) {
  const problem = h('div', {});
  const confirm = h('button', { type: 'button', class: 'danger solid', id: 'confirm-stop' }, 'Stop');
  const dialog = h('dialog', { 'aria-labelledby': 'stop-title', 'aria-describedby': 'stop-text' },
    h('header', {}, h('h2', { id: 'stop-title' }, 'Stop execution?')),
    h('div', { class: 'dialog-body' },
      h('p', { id: 'stop-text' }, 'Stopping ', h('strong', {}, execution.name),
        ' ends it as ABORTED (StopExecution). The orchestrator\u2019s Cleanup then terminates its Batch job, naming the execution.'),
      problem),
    h('footer', {}, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), confirm));
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try { await stop(); dialog.close(); } catch (e) { fill(problem, errorNotice(e)); } finally { confirm.disabled = false; }
  });
  return dialog;
}
