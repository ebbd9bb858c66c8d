// Amazon EventBridge: the buses (ListEventBuses) and their rules with targets (ListRules,
// ListTargetsByRule); the recent events on each bus with the rule and target that received each, and
// the dead-letter records, from the console API (AWS has no API for either).
import { events, all, consoleApi } from '../aws.js';
import { h, fill, table, panel, breadcrumbs, pageHead, timeEl, statusBadge, jsonBlock, arnName, poll, enc } from '../ui.js';

async function rulesOf(bus) {
  const rules = await all(i => events('ListRules', i), { EventBusName: bus }, 'Rules', 'NextToken');
  return Promise.all(rules.map(async r => ({
    ...r, targets: await all(i => events('ListTargetsByRule', i), { Rule: r.Name, EventBusName: bus }, 'Targets', 'NextToken'),
  })));
}

function received(deliveries) {
  if (!deliveries.length) return h('span', { class: 'muted' }, 'no rule matched');
  return h('ul', { class: 'received' }, deliveries.map(d => h('li', {},
    h('span', {}, h('strong', {}, d.rule)), h('span', { class: 'arrow', 'aria-label': 'to' }, '\u2192'),
    h('span', { title: d.targetArn }, `${d.targetId} (${arnName(d.targetArn)})`), statusBadge(d.outcome),
    d.detail ? h('span', { class: 'muted' }, d.detail) : null)));
}

function dlqMessages(queue) {
  return table([
    { label: 'Sent', cell: m => timeEl(m.sentAt), class: 'nowrap' },
    { label: 'Why', cell: m => h('dl', { class: 'attrs' }, Object.entries(m.attributes).map(([k, v]) => [h('dt', {}, k),
      h('dd', {}, k.endsWith('_ARN') ? arnName(v) : v)])) },
    { label: 'Message body', cell: m => h('details', {}, h('summary', {}, 'Show'), jsonBlock(m.body, `Body of message ${m.messageId}`)) },
  ], queue.messages, { caption: `Messages in ${queue.name}`, empty: 'Empty: every delivery through this queue\u2019s targets succeeded.' });
}

export async function render(view, { query }, { info }) {
  const buses = await all(i => events('ListEventBuses', i), {}, 'EventBuses', 'NextToken');
  let activity = await consoleApi('eventbridge', { perBus: 100 });
  const names = buses.map(b => b.Name);
  const bus = names.includes(query.bus) ? query.bus : names.includes(info.projectBus) ? info.projectBus : names[0];
  const rules = await rulesOf(bus);
  const eventsHolder = h('div', {});
  const dlqHolder = h('div', {});
  const updated = h('span', { class: 'muted' });
  const countOf = a => JSON.stringify(a.buses.map(b => [b.name, b.events.length, b.events[0] && b.events[0].id,
    b.events.reduce((n, e) => n + e.deliveries.length, 0)]).concat(a.deadLetterQueues.map(q => q.messages.length)));
  let drawn = '';

  const draw = () => {
    const recent = (activity.buses.find(b => b.name === bus) || { events: [] }).events;
    fill(eventsHolder, table([
      { label: 'Received', cell: e => timeEl(e.receivedAt), class: 'nowrap' },
      { label: 'Source', cell: e => h('code', {}, e.source) },
      { label: 'Detail type', cell: e => e.detailType },
      { label: 'Received by (rule \u2192 target: outcome)', cell: e => received(e.deliveries) },
      { label: 'Event', cell: e => h('details', {}, h('summary', {}, 'Show'), jsonBlock(e.event, `Event ${e.id}`)) },
    ], recent, { caption: `Recent events on ${bus}`, empty: 'No event arrived on this bus yet.', rowAttrs: e => ({ 'data-event': e.id }) }));
    const queues = activity.deadLetterQueues;
    fill(dlqHolder, queues.length ? h('div', {}, queues.map(q => h('section', { class: 'dlq', 'aria-label': q.name },
      h('h3', { class: 'panel-sub' }, q.name, ' ', h('span', { class: 'muted' }, `\u00B7 ${q.messages.length} message${q.messages.length === 1 ? '' : 's'} \u00B7 `),
        h('code', { class: 'muted' }, q.arn)),
      dlqMessages(q))))
      : h('p', { class: 'empty' }, 'No dead-letter queue is configured.'));
    drawn = countOf(activity);
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  };
  draw();
  const refresh = async () => { activity = await consoleApi('eventbridge', { perBus: 100 }); if (countOf(activity) !== drawn) draw(); };

  fill(view, 
    breadcrumbs(['Amazon EventBridge', '#/eventbridge'], ['Events and dead letters']),
    pageHead('Amazon EventBridge', { actions: [updated, h('button', { type: 'button', onclick: refresh }, 'Refresh')] }),
    h('p', { class: 'page-lead' }, 'What arrived on each bus and where it went. AWS has no API for past events; the local cloud keeps the last 200 per bus.'),
    h('nav', { class: 'segments bus-picker', 'aria-label': 'Event bus' }, names.map(n => h('a', {
      href: `#/eventbridge?bus=${enc(n)}`, 'aria-current': n === bus ? 'true' : null,
    }, `${n} (${(activity.buses.find(b => b.name === n) || { events: [] }).events.length})`))),
    panel(`Rules on ${bus}`, { count: rules.length, flush: true, id: 'rules' }, table([
      { label: 'Rule', cell: r => h('strong', {}, r.Name) },
      { label: 'State', cell: r => statusBadge(r.State) },
      { label: 'Pattern or schedule', cell: r => r.ScheduleExpression ? h('code', {}, r.ScheduleExpression)
        : h('details', {}, h('summary', {}, 'Event pattern'), jsonBlock(r.EventPattern || '{}', `Pattern of ${r.Name}`)) },
      { label: 'Targets', cell: r => h('ul', { class: 'received' }, r.targets.map(t => h('li', {}, h('strong', {}, t.Id), ' ',
        h('span', { title: t.Arn }, arnName(t.Arn)),
        t.DeadLetterConfig ? h('span', { class: 'muted' }, ` \u00B7 DLQ ${arnName(t.DeadLetterConfig.Arn)}`) : null))) },
    ], rules, { caption: `Rules on ${bus}`, empty: 'No rule on this bus.' })),
    panel(`Recent events on ${bus}`, { flush: true, id: 'recent-events', tools: [] }, eventsHolder),
    panel('Dead-letter queues', { id: 'dead-letters', lead: 'Events EventBridge could not deliver after its retries, with the attributes AWS puts on DLQ messages.' }, dlqHolder));
  return poll(refresh, 3000);
}
