// Start execution: pick a state machine, prefill the JSON input from an events/ fixture, edit it,
// and StartExecution, as the Step Functions console's "Start execution" dialog does.
import { sfn, all, consoleApi } from '../aws.js';
import { h, fill, panel, breadcrumbs, pageHead, errorNotice, enc, announce } from '../ui.js';

function jsonProblem(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const at = /position (\d+)/.exec(e.message);
    if (!at) return e.message;
    const pos = Number(at[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return `${e.message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${column})`;
  }
}

export async function render(view, { query }, { info }) {
  const [machines, fixtures] = await Promise.all([
    all(i => sfn('ListStateMachines', i), {}, 'stateMachines'),
    consoleApi('fixtures'),
  ]);
  const chosenArn = query.arn || info.stateMachineArn || (machines[0] && machines[0].stateMachineArn);
  const firstFixture = fixtures.find(f => f.name === (query.fixture || 'console-input.json')) || fixtures[0];

  const machine = h('select', { id: 'sm', name: 'stateMachine', 'aria-describedby': 'sm-hint' },
    machines.map(m => h('option', { value: m.stateMachineArn, selected: m.stateMachineArn === chosenArn }, m.name)));
  const name = h('input', { type: 'text', id: 'exec-name', name: 'name', maxlength: 80, autocomplete: 'off',
    pattern: '[A-Za-z0-9_-]{1,80}', placeholder: 'generated when empty', 'aria-describedby': 'name-hint' });
  const groups = [['request', 'Requests (console input)'], ['event', 'Trigger events (EventBridge envelopes)']];
  const fixture = h('select', { id: 'fixture', name: 'fixture', 'aria-describedby': 'fixture-hint' },
    groups.map(([kind, label]) => h('optgroup', { label },
      fixtures.filter(f => f.kind === kind).map(f => h('option', { value: f.name, selected: f === firstFixture },
        `${f.name} \u2014 ${f.description}`)))));
  const editor = h('textarea', { id: 'input', name: 'input', class: 'code', spellcheck: 'false', autocapitalize: 'off',
    'aria-describedby': 'input-hint input-validation' });
  editor.value = firstFixture ? firstFixture.content : '{}';
  const validation = h('p', { id: 'input-validation', class: 'validation', 'aria-live': 'polite' });
  const startButton = h('button', { type: 'submit', class: 'primary', id: 'start-execution' }, 'Start execution');
  const problems = h('div', {});

  const validate = () => {
    const problem = jsonProblem(editor.value);
    editor.setAttribute('aria-invalid', problem ? 'true' : 'false');
    validation.className = `validation ${problem ? 'bad' : 'ok'}`;
    validation.textContent = problem ? `\u2715 Not valid JSON: ${problem}` : '\u2713 Valid JSON';
    startButton.disabled = Boolean(problem) || !machine.value;
    return !problem;
  };
  editor.addEventListener('input', validate);
  fixture.addEventListener('change', () => {
    const f = fixtures.find(x => x.name === fixture.value);
    if (f) { editor.value = f.content; validate(); announce(`Input replaced with ${f.name}`); }
  });
  const format = () => {
    if (validate()) editor.value = JSON.stringify(JSON.parse(editor.value), null, 2);
  };

  const form = h('form', {
    novalidate: true,
    onsubmit: async e => {
      e.preventDefault();
      problems.replaceChildren();
      if (!validate()) { editor.focus(); return; }
      if (name.value && !/^[A-Za-z0-9_-]{1,80}$/.test(name.value)) {
        problems.append(errorNotice({ code: 'InvalidName', message: 'A name has 1 to 80 letters, digits, hyphens or underscores.' }));
        name.focus();
        return;
      }
      startButton.disabled = true;
      startButton.textContent = 'Starting\u2026';
      try {
        const body = { stateMachineArn: machine.value, input: editor.value };
        if (name.value) body.name = name.value;
        const started = await sfn('StartExecution', body);
        location.hash = `#/executions/${enc(started.executionArn)}`;
      } catch (err) {
        problems.append(errorNotice(err));
        startButton.disabled = false;
        startButton.textContent = 'Start execution';
      }
    },
  },
  h('div', { class: 'field' }, h('label', { for: 'sm' }, 'State machine'),
    h('p', { class: 'hint', id: 'sm-hint' }, 'Deployed from template.yaml.'), machine),
  h('div', { class: 'field' }, h('label', { for: 'exec-name' }, 'Name ', h('span', { class: 'muted' }, '(optional)')),
    h('p', { class: 'hint', id: 'name-hint' }, 'Letters, digits, - and _; unique per state machine. Step Functions generates one when empty.'), name),
  h('div', { class: 'field' }, h('label', { for: 'fixture' }, 'Prefill input from a fixture'),
    h('p', { class: 'hint', id: 'fixture-hint' }, 'Files of events/: plain requests as typed in a console, and trigger events shaped as AWS sends them.'),
    fixture),
  h('div', { class: 'field' }, h('label', { for: 'input' }, 'Input (JSON)'),
    h('p', { class: 'hint', id: 'input-hint' }, 'Any JSON value; Normalize turns it into one validated job request.'),
    editor, validation),
  problems,
  h('div', { class: 'form-actions' }, startButton,
    h('button', { type: 'button', onclick: format }, 'Format JSON'),
    h('a', { href: '#/executions' }, 'Cancel')));
  validate();

  fill(view, 
    breadcrumbs(['Step Functions', '#/state-machines'], ['Start execution']),
    pageHead('Start execution'),
    h('p', { class: 'page-lead' }, 'A console run: the input goes to StartExecution as typed, exactly as `aws stepfunctions start-execution --input` sends it.'),
    panel('Execution', {}, form));
}
