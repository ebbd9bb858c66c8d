// State machines: the list (ListStateMachines) and one machine (DescribeStateMachine) with its graph
// drawn from the ASL, its definition and its recent executions.
import { sfn, all } from '../aws.js';
import { renderGraph } from '../graph.js';
import { allStates } from '../graph-layout.js';
import {
  h, fill, table, panel, keyValues, breadcrumbs, pageHead, timeEl, statusBadge, enc, jsonBlock, tabs, arnName, fmtDuration, toDate,
} from '../ui.js';

export async function renderList(view) {
  const machines = await all(i => sfn('ListStateMachines', i), {}, 'stateMachines');
  fill(view, 
    breadcrumbs(['Step Functions', '#/state-machines'], ['State machines']),
    pageHead('State machines', { actions: h('a', { class: 'button primary', href: '#/start' }, 'Start execution') }),
    h('p', { class: 'page-lead' }, 'The state machines deployed into the local cloud from template.yaml. Open one to see its graph.'),
    panel('State machines', { count: machines.length, flush: true },
      table([
        { label: 'Name', cell: m => h('a', { href: `#/state-machines/${enc(m.stateMachineArn)}` }, m.name) },
        { label: 'Type', cell: m => m.type },
        { label: 'ARN', cell: m => h('code', { class: 'break' }, m.stateMachineArn) },
        { label: 'Created', cell: m => timeEl(m.creationDate), class: 'nowrap' },
        { label: 'Actions', cell: m => h('a', { href: `#/start?arn=${enc(m.stateMachineArn)}` }, 'Start execution') },
      ], machines, { caption: 'State machines', empty: 'No state machine is deployed.' })));
}

export async function renderDetail(view, { params, query }) {
  const arn = params[0];
  const m = await sfn('DescribeStateMachine', { stateMachineArn: arn });
  const definition = JSON.parse(m.definition);
  const states = allStates(definition);
  const types = {};
  for (const st of states.values()) types[st.Type] = (types[st.Type] || 0) + 1;
  fill(view, 
    breadcrumbs(['Step Functions', '#/state-machines'], ['State machines', '#/state-machines'], [m.name]),
    pageHead(m.name, {
      badge: statusBadge(m.status || 'ACTIVE'),
      actions: [h('a', { class: 'button', href: `#/executions?arn=${enc(arn)}` }, 'View executions'),
        h('a', { class: 'button primary', href: `#/start?arn=${enc(arn)}` }, 'Start execution')],
    }),
    panel('Details', {}, keyValues([
      ['ARN', h('code', { class: 'break' }, arn)],
      ['Type', m.type],
      ['IAM role', h('code', { class: 'break' }, m.roleArn || '\u2013')],
      ['Created', timeEl(m.creationDate)],
      ['States', `${states.size} (${Object.entries(types).map(([t, n]) => `${n} ${t}`).join(', ')})`],
      ['Start at', definition.StartAt],
    ])),
    h('section', { class: 'panel', 'aria-label': 'Definition' },
      tabs([
        { id: 'graph', label: 'Graph view', render: p => p.append(renderGraph(definition, { title: `Graph of ${m.name}` })) },
        { id: 'definition', label: 'Definition', render: p => p.append(jsonBlock(definition, `ASL definition of ${m.name}`)) },
        { id: 'executions', label: 'Recent executions', flush: true,
          render: p => (m.type === 'EXPRESS'
            ? p.append(h('p', { class: 'empty' }, 'EXPRESS executions are not recorded: their events are in the CloudWatch Logs log group of the logging configuration.'))
            : recentExecutions(p, arn)) },
      ], { selected: query.tab })));
}

async function recentExecutions(p, arn) {
  p.append(h('p', { class: 'empty' }, 'Loading\u2026'));
  const list = (await sfn('ListExecutions', { stateMachineArn: arn, maxResults: 20 })).executions || [];
  fill(p, table([
    { label: 'Name', cell: e => h('a', { href: `#/executions/${enc(e.executionArn)}` }, e.name) },
    { label: 'Status', cell: e => statusBadge(e.status) },
    { label: 'Started', cell: e => timeEl(e.startDate), class: 'nowrap' },
    { label: 'Duration', cell: e => fmtDuration(e.stopDate ? toDate(e.stopDate) - toDate(e.startDate) : null) },
  ], list, { caption: `Recent executions of ${arnName(arn)}`, empty: 'No execution yet.' }));
}
