// The graph of an Amazon States Language definition and its layered layout (no DOM): states are
// nodes; Next, Choice rules, Default and Catch are edges; Retry is a loop on its state; Parallel
// branches and the Map's item processor are laid out inside their state, as the Step Functions
// console's graph view shows them. Layers come from the longest path over the forward edges (edges
// that close a loop are drawn back up on the right), order within a layer from barycentres.

export const NODE_H = 46;
const GAP_Y = 50;
const GAP_X = 26;
const PAD = 18;
const HEADER = 34;
const CHAR_W = 7.9;

/** A readable subtitle for a Task's resource: arn:aws:states:::lambda:invoke.waitForTaskToken → "Lambda Invoke (wait for callback)". */
export function resourceLabel(state) {
  const r = state.Resource || '';
  const m = r.match(/^arn:aws:states:::([a-z0-9-]+):([A-Za-z0-9]+)(?:\.(sync|waitForTaskToken))?/);
  if (m) {
    const service = { lambda: 'Lambda', batch: 'Batch', events: 'EventBridge', sns: 'SNS', sqs: 'SQS', states: 'Step Functions', ecs: 'ECS' }[m[1]]
      || m[1];
    const action = m[2].charAt(0).toUpperCase() + m[2].slice(1);
    return `${service} ${action}${m[3] === 'waitForTaskToken' ? ' \u00B7 callback' : m[3] === 'sync' ? ' \u00B7 sync' : ''}`;
  }
  if (r.startsWith('arn:aws:lambda:')) return 'Lambda function';
  return r ? r.split(':').slice(-2).join(':') : '';
}

/** The graph of one scope (the top level, a Parallel branch, a Map's processor). */
export function buildScope(states, startAt, top) {
  const nodes = [];
  const edges = [];
  const seen = new Map();
  const edge = (from, to, kind, label) => {
    if (!to) return;
    const key = `${from}\u0000${to}`;
    const e = seen.get(key);
    if (e) {
      if (kind === 'next' || (kind !== 'catch' && e.kind === 'catch')) e.kind = kind;
      if (label) e.labels.push(label);
      return;
    }
    const created = { from, to, kind, labels: label ? [label] : [] };
    seen.set(key, created);
    edges.push(created);
  };
  if (top) nodes.push({ name: '\u2039start\u203A', type: 'Start', synthetic: true, scopes: [], retry: [] });
  for (const [name, s] of Object.entries(states || {})) {
    const node = { name, type: s.Type, def: s, retry: (s.Retry || []).map(r => (r.ErrorEquals || []).join(', ')), scopes: [] };
    if (s.Type === 'Parallel') node.scopes = (s.Branches || []).map(b => buildScope(b.States, b.StartAt, false));
    if (s.Type === 'Map') {
      const p = s.ItemProcessor || s.Iterator;
      if (p) node.scopes = [buildScope(p.States, p.StartAt, false)];
    }
    nodes.push(node);
    if (s.Next) edge(name, s.Next, 'next');
    if (s.Type === 'Choice') {
      (s.Choices || []).forEach((c, i) => edge(name, c.Next, 'choice', `rule ${i + 1}`));
      if (s.Default) edge(name, s.Default, 'default', 'Default');
    }
    for (const c of s.Catch || []) edge(name, c.Next, 'catch', (c.ErrorEquals || []).join(', '));
  }
  if (top) {
    nodes.push({ name: '\u2039end\u203A', type: 'End', synthetic: true, scopes: [], retry: [] });
    edge('\u2039start\u203A', startAt, 'next');
    for (const [name, s] of Object.entries(states || {})) {
      if (s.End || s.Type === 'Succeed' || s.Type === 'Fail') edge(name, '\u2039end\u203A', 'end');
    }
  }
  return { startAt: top ? '\u2039start\u203A' : startAt, nodes, edges, top };
}

function size(node) {
  if (node.type === 'Start' || node.type === 'End') return [70, 30];
  const sub = node.def ? (node.def.Type === 'Task' ? resourceLabel(node.def) : node.def.Type) : '';
  const text = Math.max(node.name.length * CHAR_W, sub.length * 6.3);
  return [Math.min(320, Math.max(132, Math.round(text + 46))), NODE_H];
}

const EDGE_ORDER = { next: 0, end: 0, choice: 1, default: 2, catch: 3 };

/** Lays out a scope: sets x, y, w, h of every node (relative to the scope) and returns {width, height}. */
export function layout(scope) {
  const byName = new Map(scope.nodes.map(n => [n.name, n]));
  for (const n of scope.nodes) {
    if (n.scopes.length) {
      const inner = n.scopes.map(layout);
      n.inner = inner;
      const w = inner.reduce((a, l) => a + l.width, 0) + GAP_X * (inner.length - 1) + 2 * PAD;
      n.w = Math.max(w, n.name.length * CHAR_W + 120);
      n.h = HEADER + Math.max(...inner.map(l => l.height), 40) + PAD;
    } else {
      [n.w, n.h] = size(n);
    }
  }
  const out = new Map(scope.nodes.map(n => [n.name, []]));
  for (const e of scope.edges) if (byName.has(e.from) && byName.has(e.to)) out.get(e.from).push(e);
  for (const list of out.values()) list.sort((a, b) => EDGE_ORDER[a.kind] - EDGE_ORDER[b.kind]);

  // Depth-first from the start (then from anything unreachable): back edges close loops; preorder is the first order.
  const state = new Map();
  const post = [];
  let pre = 0;
  const visit = root => {
    const stack = [[root, 0]];
    state.set(root, 1);
    byName.get(root).pre = pre++;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edges = out.get(top[0]);
      if (top[1] < edges.length) {
        const e = edges[top[1]++];
        const s = state.get(e.to);
        if (s === 1) e.back = true;
        else if (!s) { state.set(e.to, 1); byName.get(e.to).pre = pre++; stack.push([e.to, 0]); }
      } else {
        state.set(top[0], 2);
        post.push(top[0]);
        stack.pop();
      }
    }
  };
  if (byName.has(scope.startAt)) visit(scope.startAt);
  for (const n of scope.nodes) if (!state.has(n.name) && n.type !== 'End') visit(n.name);
  for (const n of scope.nodes) if (!state.has(n.name)) visit(n.name);

  // Longest-path layers over the forward edges, in topological order (reverse postorder).
  for (const n of scope.nodes) n.layer = 0;
  for (const name of post.slice().reverse()) {
    for (const e of out.get(name)) if (!e.back) byName.get(e.to).layer = Math.max(byName.get(e.to).layer, byName.get(name).layer + 1);
  }
  const end = byName.get('\u2039end\u203A');
  if (end) end.layer = Math.max(...scope.nodes.filter(n => n !== end).map(n => n.layer)) + 1;

  const sparse = [];
  for (const n of scope.nodes) (sparse[n.layer] ||= []).push(n);
  const layers = sparse.filter(l => l && l.length).map(l => l.sort((a, b) => a.pre - b.pre));

  const preds = new Map(scope.nodes.map(n => [n.name, []]));
  const succs = new Map(scope.nodes.map(n => [n.name, []]));
  for (const e of scope.edges) {
    if (e.back || !byName.has(e.to)) continue;
    const weight = e.kind === 'next' || e.kind === 'end' ? 4 : e.kind === 'catch' ? 1 : 2;
    preds.get(e.to).push([byName.get(e.from), weight]);
    succs.get(e.from).push([byName.get(e.to), weight]);
  }
  // The spine: from the start, the first Next (or first Choice rule) of each state; it is drawn straight.
  const spine = new Set();
  for (let n = byName.get(scope.startAt); n && !spine.has(n.name);) {
    spine.add(n.name);
    const e = out.get(n.name).find(x => !x.back && x.kind !== 'catch');
    n = e ? byName.get(e.to) : null;
  }
  const priority = n => spine.has(n.name) ? 1e6 : preds.get(n.name).reduce((a, [, w]) => a + w, 0) * 10 + succs.get(n.name).length;
  // Priority placement: each node, most important first, goes where it wants within the room its
  // already-placed neighbours leave (the order within the layer is kept).
  const place = (layer, wanted) => {
    const want = new Map(layer.map(n => [n, wanted(n)]));
    layer.sort((a, b) => want.get(a) - want.get(b) || a.pre - b.pre);
    const placed = new Array(layer.length).fill(false);
    const byPriority = layer.map((n, i) => i).sort((a, b) => priority(layer[b]) - priority(layer[a]) || a - b);
    for (const i of byPriority) {
      let lo = -Infinity;
      let hi = Infinity;
      let room = layer[i].w / 2 + GAP_X;
      for (let j = i - 1; j >= 0; j--) {
        if (placed[j]) { lo = layer[j].cx + layer[j].w / 2 + room; break; }
        room += layer[j].w + GAP_X;
      }
      room = layer[i].w / 2 + GAP_X;
      for (let j = i + 1; j < layer.length; j++) {
        if (placed[j]) { hi = layer[j].cx - layer[j].w / 2 - room; break; }
        room += layer[j].w + GAP_X;
      }
      const x = Math.min(Math.max(want.get(layer[i]), lo), Math.max(lo, hi));
      layer[i].cx = x;
      placed[i] = true;
    }
  };
  const mean = (list, fallback) => {
    let s = 0; let w = 0;
    for (const [m, k] of list) { if (m.cx !== undefined) { s += m.cx * k; w += k; } }
    return w ? s / w : fallback;
  };
  layers.forEach(layer => place(layer, n => n.pre * 10));
  for (let pass = 0; pass < 4; pass++) {
    const down = pass % 2 === 0 || pass === 3;
    const order = down ? layers.map((_, i) => i).slice(1) : layers.map((_, i) => i).slice(0, -1).reverse();
    for (const i of order) place(layers[i], n => mean(down ? preds.get(n.name) : succs.get(n.name), n.cx));
  }

  let minX = Infinity; let maxX = -Infinity;
  for (const n of scope.nodes) { minX = Math.min(minX, n.cx - n.w / 2); maxX = Math.max(maxX, n.cx + n.w / 2); }
  const hasBack = scope.edges.some(e => e.back);
  let y = scope.top ? 10 : 0;
  for (const layer of layers) {
    const lh = Math.max(...layer.map(n => n.h));
    for (const n of layer) { n.x = Math.round(n.cx - n.w / 2 - minX + (scope.top ? PAD : 0)); n.y = Math.round(y + (lh - n.h) / 2); }
    y += lh + GAP_Y;
  }
  const width = Math.round(maxX - minX + (scope.top ? 2 * PAD : 0) + (hasBack ? 70 : 0) + 30);
  const height = Math.round(y - GAP_Y + (scope.top ? 10 : 0));
  scope.byName = byName;
  scope.width = width;
  scope.height = height;
  return { width, height, scope };
}

/** Every state of the definition with its type (nested ones included), for tables and lookups. */
export function allStates(def, into = new Map()) {
  for (const [name, s] of Object.entries(def.States || {})) {
    into.set(name, s);
    for (const b of s.Branches || []) allStates(b, into);
    const p = s.ItemProcessor || s.Iterator;
    if (p) allStates(p, into);
  }
  return into;
}
