// Executions: every execution of every state machine (ListExecutions), newest first, filtered by status
// with real links; refreshed while some of them are running.
import { sfn, all } from '../aws.js';
import {
  h, fill, table, panel, breadcrumbs, pageHead, timeEl, statusBadge, enc, fmtDuration, toDate, poll, arnName,
} from '../ui.js';

const FILTERS = [['', 'All'], ['RUNNING', 'Running'], ['SUCCEEDED', 'Succeeded'], ['FAILED', 'Failed'],
  ['TIMED_OUT', 'Timed out'], ['ABORTED', 'Aborted']];

async function load(machines, status) {
  // EXPRESS executions are not recorded (ListExecutions answers StateMachineTypeNotSupported): their events are in CloudWatch Logs
  const lists = await Promise.all(machines.filter(m => m.type !== 'EXPRESS').map(m => all(i => sfn('ListExecutions', i),
    { stateMachineArn: m.stateMachineArn, maxResults: 100, ...(status ? { statusFilter: status } : {}) }, 'executions', 'nextToken', 5)));
  return lists.flat().sort((a, b) => toDate(b.startDate) - toDate(a.startDate));
}

export async function render(view, { query }) {
  const status = FILTERS.some(([v]) => v === query.status) ? query.status : '';
  let machines = await all(i => sfn('ListStateMachines', i), {}, 'stateMachines');
  if (query.arn) machines = machines.filter(m => m.stateMachineArn === query.arn);
  const link = v => `#/executions?${new URLSearchParams({ ...(v ? { status: v } : {}), ...(query.arn ? { arn: query.arn } : {}) })}`;
  const filters = h('nav', { class: 'segments', 'aria-label': 'Filter by status' },
    FILTERS.map(([v, label]) => h('a', { href: link(v), 'aria-current': v === status ? 'true' : null, 'data-filter': v || 'ALL' }, label)));
  const body = h('div', {});
  const updated = h('span', { class: 'muted', 'aria-live': 'off' });
  let shown = await load(machines, status);
  const draw = () => {
    fill(body, table([
      { label: 'Name', cell: e => h('a', { href: `#/executions/${enc(e.executionArn)}` }, e.name) },
      { label: 'Status', cell: e => statusBadge(e.status) },
      { label: 'State machine', cell: e => h('a', { href: `#/state-machines/${enc(e.stateMachineArn)}` }, arnName(e.stateMachineArn)) },
      { label: 'Started', cell: e => timeEl(e.startDate), class: 'nowrap' },
      { label: 'Ended', cell: e => timeEl(e.stopDate), class: 'nowrap' },
      { label: 'Duration', cell: e => e.stopDate ? fmtDuration(toDate(e.stopDate) - toDate(e.startDate)) : h('span', { class: 'muted' }, 'running') },
    ], shown, {
      caption: `Executions${status ? `, ${status.toLowerCase()}` : ''}`,
      empty: status ? `No ${FILTERS.find(f => f[0] === status)[1].toLowerCase()} execution.` : 'No execution yet. Start one.',
      rowAttrs: e => ({ 'data-execution': e.name, 'data-status': e.status }),
    }));
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  };
  draw();
  const refresh = async () => { shown = await load(machines, status); draw(); };
  fill(view, 
    breadcrumbs(['Step Functions', '#/state-machines'], ['Executions']),
    pageHead('Executions', { actions: h('a', { class: 'button primary', href: `#/start${query.arn ? `?arn=${enc(query.arn)}` : ''}` }, 'Start execution') }),
    query.arn ? h('p', { class: 'page-lead' }, 'Of ', h('a', { href: `#/state-machines/${enc(query.arn)}` }, arnName(query.arn)), ' only. ',
      h('a', { href: '#/executions' }, 'Show every state machine')) : null,
    panel('Executions', {
      tools: [updated, h('button', { type: 'button', class: 'small', onclick: refresh }, 'Refresh')],
      flush: true,
    }, h('div', { class: 'panel-body' }, filters), body));
  return poll(async () => {
    if (shown.some(e => e.status === 'RUNNING') || status === 'RUNNING') await refresh();
  }, 2000);
}
