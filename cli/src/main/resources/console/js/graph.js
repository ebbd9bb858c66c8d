// Draws a state machine's graph as SVG from its ASL (layout in graph-layout.js): states as focusable
// buttons, Next/Choice edges solid, Catch edges dashed, Retry as a loop, Parallel and Map as
// containers; with an execution's statuses, each state is coloured and carries an icon and a word.
import { buildScope, layout, resourceLabel } from './graph-layout.js';
import { h, statusInfo } from './ui.js';

const NS = 'http://www.w3.org/2000/svg';
const PAD = 18;
const HEADER = 34;
const GAP_X = 26;

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined && v !== false) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** The status classes a node can have, in legend order. */
export const NODE_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'CAUGHT', 'ABORTED', 'NOT_RUN'];

function nodeClass(status) {
  return { RUNNING: 'st-run', SUCCEEDED: 'st-ok', FAILED: 'st-bad', TIMED_OUT: 'st-bad', CAUGHT: 'st-warn', ABORTED: 'st-idle' }[status] || '';
}

function drawEdges(g, scope) {
  const outIndex = new Map();
  const inIndex = new Map();
  const fwd = scope.edges.filter(e => !e.back && scope.byName.has(e.to));
  for (const e of fwd) {
    (outIndex.get(e.from) || outIndex.set(e.from, []).get(e.from)).push(e);
    (inIndex.get(e.to) || inIndex.set(e.to, []).get(e.to)).push(e);
  }
  const spread = (list, e, width) => {
    const i = list.indexOf(e);
    const n = list.length;
    const step = Math.min(16, (width - 20) / Math.max(1, n));
    return (i - (n - 1) / 2) * step;
  };
  for (const list of outIndex.values()) list.sort((a, b) => scope.byName.get(a.to).cx - scope.byName.get(b.to).cx);
  for (const list of inIndex.values()) list.sort((a, b) => scope.byName.get(a.from).cx - scope.byName.get(b.from).cx);
  let backs = 0;
  for (const e of scope.edges) {
    const a = scope.byName.get(e.from);
    const b = scope.byName.get(e.to);
    if (!a || !b) continue;
    let d;
    let lx; let ly;
    if (!e.back) {
      const sx = a.x + a.w / 2 + spread(outIndex.get(e.from), e, a.w);
      const sy = a.y + a.h;
      const tx = b.x + b.w / 2 + spread(inIndex.get(e.to), e, b.w);
      const ty = b.y - 2;
      const dy = Math.max(30, (ty - sy) / 2);
      d = `M${sx},${sy} C${sx},${sy + dy} ${tx},${ty - dy} ${tx},${ty}`;
      lx = (sx + tx) / 2; ly = (sy + ty) / 2;
    } else {
      backs++;
      const sx = a.x + a.w;
      const sy = a.y + a.h / 2;
      const tx = b.x + b.w + 2;
      const ty = b.y + b.h / 2;
      const k = 36 + 10 * (backs % 3) + Math.min(40, Math.abs(sy - ty) * 0.08);
      const cx = Math.max(sx, tx) + k;
      d = `M${sx},${sy} C${cx},${sy} ${cx},${ty} ${tx},${ty}`;
      lx = cx - 8; ly = (sy + ty) / 2;
    }
    const kind = e.kind === 'catch' ? 'catch' : e.back ? 'back' : 'next';
    const title = e.kind === 'catch' ? `Catch ${e.labels.join(' | ')} \u2192 ${e.to}` : `${e.from} \u2192 ${e.to}${e.labels.length ? ` (${e.labels.join(', ')})` : ''}`;
    g.append(s('path', { d, class: `edge edge-${kind}`, 'marker-end': `url(#arrow-${kind})`, 'data-from': e.from, 'data-to': e.to },
      s('title', {}, title)));
    if (e.kind === 'default') g.append(s('text', { x: lx + 4, y: ly, class: 'edge-label' }, 'Default'));
  }
}

function drawNode(g, n, opts) {
  const status = opts.statuses ? opts.statuses.get(n.name) : null;
  if (n.type === 'Start' || n.type === 'End') {
    g.append(s('g', { class: 'node terminal', transform: `translate(${n.x},${n.y})`, 'aria-hidden': 'true' },
      s('rect', { width: n.w, height: n.h, rx: n.h / 2 }),
      s('text', { x: n.w / 2, y: n.h / 2 + 4, 'text-anchor': 'middle' }, n.type)));
    return;
  }
  const info = status ? statusInfo(status) : null;
  const label = `${n.name}, ${n.type} state${info ? `, ${info.label}` : ''}${n.retry.length ? ', retries' : ''}`;
  const group = s('g', {
    class: `node type-${n.type.toLowerCase()} ${nodeClass(status)}${n.scopes.length ? ' container' : ''}`,
    transform: `translate(${n.x},${n.y})`, tabindex: opts.onSelect ? 0 : -1, role: opts.onSelect ? 'button' : 'img',
    'aria-label': label, 'data-state': n.name, 'data-status': status || '',
    'aria-pressed': opts.onSelect ? String(opts.selected === n.name) : null,
  }, s('title', {}, label));
  if (opts.selected === n.name) group.classList.add('selected');
  group.append(s('rect', { class: 'box', width: n.w, height: n.h, rx: 8 }));
  const sub = n.type === 'Task' ? resourceLabel(n.def) : n.type === 'Parallel' ? `Parallel \u00B7 ${n.scopes.length} branch${n.scopes.length === 1 ? '' : 'es'}`
    : n.type === 'Map' ? 'Map \u00B7 each item' : n.type;
  if (n.scopes.length) {
    group.append(s('text', { x: 12, y: 20, class: 'name' }, n.name), s('text', { x: 12 + n.name.length * 7.4 + 10, y: 20, class: 'sub' }, sub));
    let x = PAD;
    n.inner.forEach(inner => {
      const sg = s('g', { transform: `translate(${x},${HEADER})` });
      sg.append(s('rect', { class: 'branch', x: -6, y: -6, width: inner.width + 2, height: inner.height + 12, rx: 6 }));
      drawScope(sg, inner.scope, opts);
      group.append(sg);
      x += inner.width + GAP_X;
    });
  } else {
    group.append(s('text', { x: 12, y: 19, class: 'name' }, n.name), s('text', { x: 12, y: 35, class: 'sub' }, sub));
  }
  if (info) {
    const cx = n.w - 14;
    const cy = n.scopes.length ? 16 : n.h / 2;
    group.append(s('g', { class: `badge ${info.cls}`, 'aria-hidden': 'true' },
      s('circle', { cx, cy, r: 9 }), s('text', { x: cx, y: cy + 4, 'text-anchor': 'middle' }, info.icon)));
  }
  if (n.retry.length) {
    const y0 = n.scopes.length ? 10 : 8;
    const y1 = n.scopes.length ? 30 : n.h - 8;
    group.append(s('path', { class: 'edge edge-retry', 'data-from': n.name, 'data-to': n.name, d: `M0,${y0} C-30,${y0 - 4} -30,${y1 + 4} 0,${y1}`, 'marker-end': 'url(#arrow-retry)' },
      s('title', {}, `Retry on ${n.retry.join(' | ')}`)));
    group.append(s('text', { class: 'retry-label', x: -22, y: (y0 + y1) / 2 + 4, 'text-anchor': 'end' }, 'Retry'));
  }
  const lit = on => ev => { ev.stopPropagation(); highlight(group, n.name, on); };
  group.addEventListener('mouseover', lit(true));
  group.addEventListener('mouseout', lit(false));
  group.addEventListener('focus', lit(true));
  group.addEventListener('blur', lit(false));
  if (opts.onSelect) {
    group.addEventListener('click', ev => { ev.stopPropagation(); opts.onSelect(n.name); });
    group.addEventListener('keydown', ev => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); ev.stopPropagation(); opts.onSelect(n.name); }
    });
  }
  g.append(group);
}

/** Emphasises the edges into and out of a state (hover or keyboard focus) and dims the others. */
function highlight(el, name, on) {
  const svg = el.ownerSVGElement;
  if (!svg) return;
  svg.classList.toggle('focusing', on);
  for (const p of svg.querySelectorAll('path.edge.hl')) p.classList.remove('hl');
  if (!on) return;
  for (const p of svg.querySelectorAll('path.edge[data-from], path.edge[data-to]')) {
    if (p.dataset.from === name || p.dataset.to === name) p.classList.add('hl');
  }
}

function drawScope(g, scope, opts) {
  const edges = s('g', { class: 'edges' });
  g.append(edges);
  drawEdges(edges, scope);
  for (const n of scope.nodes) drawNode(g, n, opts);
}

function defs() {
  const marker = (id) => s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    s('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrow ${id}` }));
  return s('defs', {}, marker('arrow-next'), marker('arrow-catch'), marker('arrow-back'), marker('arrow-retry'));
}

/**
 * The graph of `definition` (ASL object). Options: statuses (Map state name → RUNNING, SUCCEEDED,
 * FAILED, CAUGHT, ABORTED...), selected (a state name), onSelect(name), title.
 */
export function renderGraph(definition, opts = {}) {
  const scope = buildScope(definition.States, definition.StartAt, true);
  const { width, height } = layout(scope);
  const svg = s('svg', { class: 'graph', viewBox: `-40 0 ${width + 40} ${height}`, role: 'group',
    'aria-label': opts.title || 'State machine graph', 'data-states': scope.nodes.length - 2 });
  svg.append(defs());
  drawScope(svg, scope, opts);
  let scale = 1;
  const frame = h('div', { class: 'graph-frame', tabindex: '0', 'aria-label': 'Graph (scrollable)' }, svg);
  const zoomLabel = h('span', { class: 'zoom-value', 'aria-live': 'polite' }, '100%');
  const apply = z => {
    scale = Math.min(2, Math.max(0.3, z));
    svg.setAttribute('width', Math.round((width + 40) * scale));
    svg.setAttribute('height', Math.round(height * scale));
    zoomLabel.textContent = `${Math.round(scale * 100)}%`;
  };
  const fit = () => apply(Math.min(1, Math.max(0.6, (frame.clientWidth - 8) / (width + 40))));
  const toolbar = h('div', { class: 'graph-toolbar', role: 'toolbar', 'aria-label': 'Graph zoom' },
    h('button', { type: 'button', class: 'small', onclick: () => apply(scale / 1.25), 'aria-label': 'Zoom out' }, '\u2212'),
    zoomLabel,
    h('button', { type: 'button', class: 'small', onclick: () => apply(scale * 1.25), 'aria-label': 'Zoom in' }, '+'),
    h('button', { type: 'button', class: 'small', onclick: fit }, 'Fit'),
    h('button', { type: 'button', class: 'small', onclick: () => apply(1) }, '100%'),
    h('label', { class: 'toggle' }, h('input', { type: 'checkbox', checked: true,
      onchange: ev => svg.classList.toggle('hide-catch', !ev.target.checked) }), 'Catch edges'));
  const root = h('div', { class: 'graph-view' }, toolbar, frame, opts.statuses ? legend() : edgeLegend());
  apply(1);
  requestAnimationFrame(() => { if (frame.clientWidth) fit(); });
  root.update = (statuses, selected) => {
    for (const g of svg.querySelectorAll('g.node[data-state]')) {
      const name = g.dataset.state;
      const st = statuses ? statuses.get(name) : null;
      if ((g.dataset.status || '') !== (st || '') || g.classList.contains('selected') !== (selected === name)) {
        g.replaceWith(redraw(g, scope, name, { ...opts, statuses, selected }));
      }
    }
  };
  return root;
}

function findNode(scope, name) {
  if (scope.byName.has(name)) return scope.byName.get(name);
  for (const n of scope.nodes) for (const inner of n.inner || []) { const f = findNode(inner.scope, name); if (f) return f; }
  return null;
}

function redraw(old, scope, name, opts) {
  const holder = s('g', {});
  drawNode(holder, findNode(scope, name), opts);
  const fresh = holder.firstChild;
  if (document.activeElement === old) requestAnimationFrame(() => fresh.focus());
  return fresh;
}

function edgeLegend() {
  return h('ul', { class: 'graph-legend', 'aria-label': 'Edges' },
    h('li', {}, h('span', { class: 'swatch line next', 'aria-hidden': 'true' }), 'Next / Choice'),
    h('li', {}, h('span', { class: 'swatch line catch', 'aria-hidden': 'true' }), 'Catch (dashed)'),
    h('li', {}, h('span', { class: 'swatch line back', 'aria-hidden': 'true' }), 'Loops back'),
    h('li', {}, h('span', { class: 'swatch line retry', 'aria-hidden': 'true' }), 'Retry'));
}

function legend() {
  return h('ul', { class: 'graph-legend', 'aria-label': 'State status legend' },
    NODE_STATUSES.map(st => {
      const i = statusInfo(st);
      return h('li', {}, h('span', { class: `swatch ${nodeClass(st) || 'st-none'}`, 'aria-hidden': 'true' }, i.icon), i.label);
    }),
    [...edgeLegend().childNodes]);
}
