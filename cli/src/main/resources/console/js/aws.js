// The AWS APIs of this endpoint, called as any client calls them: same-origin and unsigned (the local
// cloud routes an unsigned request by its X-Amz-Target header or its REST path). Plus the console's own
// read-only API (api/...) for what AWS has no API for.

/** An AWS error answer: code (e.g. ExecutionDoesNotExist), HTTP status and message. */
export class AwsError extends Error {
  constructor(code, status, message) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : {}; } catch { body = null; }
  if (!response.ok) {
    const type = response.headers.get('x-amzn-ErrorType') || (body && (body.__type || body.code)) || `HTTP ${response.status}`;
    const code = String(type).split(':')[0].split('#').pop();
    const message = body && (body.message || body.Message) || text || response.statusText;
    throw new AwsError(code, response.status, message);
  }
  if (body === null) throw new AwsError('SerializationException', response.status, 'answer is not JSON');
  return body;
}

async function jsonProtocol(version, prefix, operation, input) {
  const response = await fetch('/', {
    method: 'POST',
    headers: { 'Content-Type': `application/x-amz-json-${version}`, 'X-Amz-Target': `${prefix}.${operation}` },
    body: JSON.stringify(input || {}),
  });
  return answer(response);
}

/** Step Functions (AWS JSON 1.0): sfn('ListStateMachines', {}). */
export const sfn = (operation, input) => jsonProtocol('1.0', 'AWSStepFunctions', operation, input);

/** CloudWatch Logs (AWS JSON 1.1). */
export const logs = (operation, input) => jsonProtocol('1.1', 'Logs_20140328', operation, input);

/** EventBridge (AWS JSON 1.1). */
export const events = (operation, input) => jsonProtocol('1.1', 'AWSEvents', operation, input);

/** AWS Batch (REST-JSON): batch('describejobs', {jobs: [...]}) is POST /v1/describejobs. */
export async function batch(path, input) {
  const response = await fetch(`/v1/${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input || {}),
  });
  return answer(response);
}

/** Every page of a paginated call: collects body[listKey] while a nextToken comes back. */
export async function all(call, input, listKey, tokenKey = 'nextToken', limit = 20) {
  const items = [];
  let token;
  for (let page = 0; page < limit; page++) {
    const body = await call({ ...input, ...(token ? { [tokenKey]: token } : {}) });
    items.push(...(body[listKey] || []));
    token = body[tokenKey];
    if (!token) break;
  }
  return items;
}

/** The console's own read-only API: consoleApi('fixtures'), consoleApi('job-statuses', {jobId}). */
export async function consoleApi(route, params) {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  return answer(await fetch(`api/${route}${query}`));
}

/** The run report's timeline of an execution, as SVG text. */
export async function timelineSvg(executionArn) {
  const response = await fetch(`api/timeline?${new URLSearchParams({ executionArn })}`);
  if (!response.ok) await answer(response);
  return response.text();
}
