// Small DOM helpers shared by the pages: elements from data (never from HTML strings), status badges
// with an icon and a word, tables, panels, tabs, time formats and polling.

/** h('a', {href: '#/x', class: 'y'}, 'text', child...): attributes, on* listeners, text or node children. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Replaces the children of el (null, false and undefined children are skipped, unlike replaceChildren). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Status words of Step Functions and Batch, with a colour class and an icon (readable without colour). */
const STATUS = {
  RUNNING: ['run', '\u25B6', 'Running'], SUCCEEDED: ['ok', '\u2713', 'Succeeded'], FAILED: ['bad', '\u2715', 'Failed'],
  TIMED_OUT: ['bad', '!', 'Timed out'], ABORTED: ['idle', '\u2298', 'Aborted'], PENDING_REDRIVE: ['warn', '\u21BB', 'Pending redrive'],
  SUBMITTED: ['idle', '\u2022', 'Submitted'], PENDING: ['idle', '\u2022', 'Pending'], RUNNABLE: ['warn', '\u25CB', 'Runnable'],
  STARTING: ['run', '\u25B7', 'Starting'], VALID: ['ok', '\u2713', 'Valid'], INVALID: ['bad', '\u2715', 'Invalid'],
  CREATING: ['run', '\u25B7', 'Creating'], UPDATING: ['run', '\u25B7', 'Updating'], DELETING: ['idle', '\u2298', 'Deleting'],
  DELETED: ['idle', '\u2298', 'Deleted'], ENABLED: ['ok', '\u2713', 'Enabled'], DISABLED: ['idle', '\u2298', 'Disabled'],
  DELIVERED: ['ok', '\u2713', 'Delivered'], RETRYING: ['warn', '\u21BB', 'Retrying'], DEAD_LETTERED: ['bad', '\u2709', 'Dead-lettered'],
  DROPPED: ['bad', '\u2715', 'Dropped'], FAULT_DROPPED: ['bad', '\u2715', 'Dropped (scenario fault)'],
  FUNCTION_ERROR: ['bad', '!', 'Function error'], CAUGHT: ['warn', '!', 'Caught error'], NOT_RUN: ['idle', '\u2013', 'Not run'],
};

export function statusInfo(status) {
  const s = STATUS[status] || ['idle', '\u2022', String(status || 'unknown').replace(/_/g, ' ').toLowerCase()];
  return { cls: s[0], icon: s[1], label: s[2] };
}

/** <span class="status ok"><span class="icon">✓</span>Succeeded</span> */
export function statusBadge(status, attrs) {
  const s = statusInfo(status);
  return h('span', { class: `status ${s.cls}`, 'data-status': status, ...(attrs || {}) },
    h('span', { class: `icon${s.cls === 'run' ? ' spin' : ''}`, 'aria-hidden': 'true' }, s.icon), s.label);
}

/** A time in the local cloud's simulated clock (UTC): epoch seconds (SFN), epoch millis (Batch) or ISO text. */
export function toDate(t) {
  if (t === null || t === undefined || t === '') return null;
  if (typeof t === 'number') return new Date(t > 1e11 ? t : t * 1000);
  return new Date(t);
}

export function fmtTime(t) {
  const d = toDate(t);
  if (!d || Number.isNaN(d.getTime())) return '\u2013';
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

export function timeEl(t) {
  const d = toDate(t);
  return d && !Number.isNaN(d.getTime()) ? h('time', { datetime: d.toISOString() }, fmtTime(t)) : '\u2013';
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '\u2013';
  const s = Math.round(ms / 1000);
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (s < 60) return `${(ms / 1000).toFixed(ms < 10000 ? 1 : 0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The name in an ARN: …:execution:machine:NAME, …:job-definition/NAME:1, …:function:NAME[:alias], …:queue-name. */
export function arnName(arn) {
  if (!arn) return '';
  const fn = arn.indexOf(':function:');
  if (fn >= 0) return arn.slice(fn + ':function:'.length);
  const resource = arn.split(':').slice(5).join(':');
  return resource.includes('/') ? resource.slice(resource.lastIndexOf('/') + 1) : arn.split(':').pop();
}

export const enc = encodeURIComponent;

/** A table: columns [{label, cell: row => node|text, class}], rows; caption for screen readers. */
export function table(columns, rows, { caption, empty = 'Nothing here yet.', rowAttrs } = {}) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data' },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c.label)))),
      h('tbody', {}, rows.map(r => h('tr', rowAttrs ? rowAttrs(r) : {},
        columns.map(c => h('td', { class: c.class || null }, c.cell(r))))))));
}

/** A white panel with a heading (h2), optional tools and body. */
export function panel(title, { tools, lead, id, flush, count } = {}, ...body) {
  const headingId = id ? `${id}-title` : null;
  return h('section', { class: 'panel', id, 'aria-labelledby': headingId },
    h('header', {},
      h('h2', { id: headingId }, title, count !== undefined ? h('span', { class: 'count' }, ` (${count})`) : null),
      tools ? h('div', { class: 'tools' }, tools) : null,
      lead ? h('p', {}, lead) : null),
    h('div', { class: `panel-body${flush ? ' flush' : ''}` }, body));
}

/** <dl class="kv"> from [[label, value], ...]. */
export function keyValues(pairs) {
  return h('dl', { class: 'kv' }, pairs.filter(p => p).map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v ?? '\u2013'))));
}

/** Pretty JSON of a value or of JSON text (left as text if it is not JSON). */
export function jsonBlock(value, label) {
  let text = value;
  if (typeof value === 'string') {
    try { text = JSON.stringify(JSON.parse(value), null, 2); } catch { text = value; }
  } else {
    text = JSON.stringify(value, null, 2);
  }
  return h('pre', { class: 'code', tabindex: '0', 'aria-label': label || 'JSON' }, text ?? '');
}

export function breadcrumbs(...items) {
  return h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' },
    h('ol', {}, items.map((it, i) => h('li', {},
      i === items.length - 1 ? h('span', { 'aria-current': 'page' }, it[0]) : h('a', { href: it[1] }, it[0])))));
}

export function pageHead(title, { badge, actions } = {}) {
  return h('div', { class: 'page-head' }, h('h1', { id: 'page-title' }, title), badge || null,
    actions ? h('div', { class: 'actions' }, actions) : null);
}

export function errorNotice(error, retry) {
  return h('div', { class: 'notice bad', role: 'alert' },
    h('strong', {}, error.code || 'Error'),
    h('span', {}, error.message || String(error)),
    retry ? h('button', { class: 'small', type: 'button', onclick: retry }, 'Retry') : null);
}

/** Accessible tabs: [{id, label, render: panel => void}]; arrow keys move between tabs. */
export function tabs(items, { selected, onChange } = {}) {
  const list = h('div', { role: 'tablist', 'aria-label': 'Views' });
  const root = h('div', { class: 'tabs' }, list);
  const panels = {};
  const buttons = {};
  let current = null;
  const select = (id, focus) => {
    if (current === id) return;
    current = id;
    for (const it of items) {
      const on = it.id === id;
      buttons[it.id].setAttribute('aria-selected', on ? 'true' : 'false');
      buttons[it.id].tabIndex = on ? 0 : -1;
      panels[it.id].hidden = !on;
      if (on && !panels[it.id].dataset.rendered) { panels[it.id].dataset.rendered = '1'; it.render(panels[it.id]); }
    }
    if (focus) buttons[id].focus();
    if (onChange) onChange(id);
  };
  items.forEach((it, i) => {
    buttons[it.id] = h('button', {
      type: 'button', role: 'tab', id: `tab-${it.id}`, 'aria-controls': `tabpanel-${it.id}`, 'data-tab': it.id,
      onclick: () => select(it.id),
      onkeydown: e => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (d) { e.preventDefault(); select(items[(i + d + items.length) % items.length].id, true); }
      },
    }, it.label);
    panels[it.id] = h('div', { role: 'tabpanel', id: `tabpanel-${it.id}`, 'aria-labelledby': `tab-${it.id}`, tabindex: '0',
      class: it.flush ? 'flush' : null, hidden: true });
    list.append(buttons[it.id]);
    root.append(panels[it.id]);
  });
  select(selected && buttons[selected] ? selected : items[0].id);
  root.select = id => select(id);
  root.panel = id => panels[id];
  root.rerender = id => { const p = panels[id]; p.replaceChildren(); items.find(i => i.id === id).render(p); };
  return root;
}

/** Calls fn every `ms` while the page shows it; returns a stop function. Pauses while the tab is hidden. */
export function poll(fn, ms) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    if (stopped) return;
    if (!document.hidden) {
      try { if (await fn() === false) { stopped = true; return; } } catch (e) { console.warn('poll', e); }
    }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  timer = setTimeout(tick, ms);
  return () => { stopped = true; clearTimeout(timer); };
}

/** Tells screen readers something changed (status changes while polling). */
export function announce(text) {
  const el = document.getElementById('announcer');
  if (el) el.textContent = text;
}
