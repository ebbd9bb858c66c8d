// The console's shell: hash routes to pages, the environment bar, focus management on navigation.
import { consoleApi } from './aws.js';
import { h, fill, errorNotice, fmtTime } from './ui.js';
import * as stateMachines from './pages/state-machines.js';
import * as start from './pages/start.js';
import * as executions from './pages/executions.js';
import * as execution from './pages/execution.js';
import * as batch from './pages/batch.js';
import * as job from './pages/job.js';
import * as eventbridge from './pages/eventbridge.js';

const ROUTES = [
  [/^\/state-machines$/, stateMachines.renderList, 'state-machines'],
  [/^\/state-machines\/(.+)$/, stateMachines.renderDetail, 'state-machines'],
  [/^\/start$/, start.render, 'start'],
  [/^\/executions$/, executions.render, 'executions'],
  [/^\/executions\/(.+)$/, execution.render, 'executions'],
  [/^\/batch$/, batch.render, 'batch'],
  [/^\/batch\/jobs\/(.+)$/, job.render, 'batch'],
  [/^\/eventbridge$/, eventbridge.render, 'eventbridge'],
];

let cleanup = null;
let info = null;
let generation = 0;

async function environment() {
  if (!info) {
    info = await consoleApi('info');
    const meta = document.getElementById('env-meta');
    const item = (k, v, title) => h('div', { title }, h('dt', {}, k), h('dd', {}, v));
    fill(meta, 
      item('Region', info.region), item('Account', info.accountId), item('Scenario', info.scenario, info.scenarioDescription),
      item('Clock', info.clock === 'VIRTUAL' ? 'virtual' : info.clock === 'REAL_TIME' ? 'real time' : info.clock.toLowerCase(),
        `simulated time at load: ${fmtTime(info.now)}`));
  }
  return info;
}

function parse(hash) {
  const raw = hash.replace(/^#/, '') || '/state-machines';
  const [path, search] = raw.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(search || '')) };
}

async function route() {
  const mine = ++generation;
  if (cleanup) { try { cleanup(); } catch { /* page already gone */ } cleanup = null; }
  const { path, query } = parse(location.hash);
  const main = document.getElementById('main');
  const match = ROUTES.map(([re, page, nav]) => [path.match(re), page, nav]).find(([m]) => m);
  document.querySelectorAll('[data-nav]').forEach(a => a.removeAttribute('aria-current'));
  if (!match) {
    fill(main, h('h1', { id: 'page-title' }, 'Page not found'),
      h('p', {}, 'No console page at ', h('code', {}, path), '. ', h('a', { href: '#/state-machines' }, 'Go to state machines')));
    return;
  }
  const [m, page, nav] = match;
  document.querySelector(`[data-nav="${nav}"]`)?.setAttribute('aria-current', 'page');
  const params = m.slice(1).map(decodeURIComponent);
  const view = h('div', { class: 'page', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading\u2026'));
  fill(main, view);
  try {
    const ctx = { info: await environment(), isCurrent: () => mine === generation };
    const stop = await page(view, { params, query }, ctx);
    if (mine !== generation) { if (typeof stop === 'function') stop(); return; }
    cleanup = typeof stop === 'function' ? stop : null;
  } catch (e) {
    if (mine !== generation) return;
    console.error(e);
    fill(view, h('h1', { id: 'page-title' }, 'This page could not be loaded'), errorNotice(e, route));
  } finally {
    view.removeAttribute('aria-busy');
  }
  if (mine === generation) {
    const title = document.getElementById('page-title');
    document.title = `${title ? title.textContent : 'gbo'} \u2013 gbo console`;
    if (!query.keepFocus) main.focus({ preventScroll: true });
  }
}

window.addEventListener('hashchange', route);
if (!location.hash) history.replaceState(null, '', '#/state-machines');
route();
