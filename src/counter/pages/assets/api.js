// Calls to /api/v1 with the session cookie (same origin); problem+json answers become ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
    this.problem = problem;
  }
}

export async function api(method, path, body, options = {}) {
  // API.md § Conventions: the pages always ask for French messages.
  const headers = { Accept: 'application/json', 'Accept-Language': 'fr' };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = options.contentType || 'application/json';
    // A file goes as its bytes (the server decodes it); anything else as JSON.
    payload = typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body);
  }
  if (method === 'POST') headers['Idempotency-Key'] = options.idempotencyKey || crypto.randomUUID();
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 401 && !options.noRedirect) {
    location.assign('/');
    throw new ApiError(401, { detail: 'session expirée' });
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Creates an element: el('li', {class: 'x', text: 'y'}, child…). Text is always set as text, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) node.append(c);
  return node;
}

/** Shows a message in the page's alert region (role="alert" or aria-live). */
export function announce(region, message, kind = 'info') {
  region.textContent = message;
  region.dataset.kind = kind;
}

export function errorText(err) {
  if (err instanceof ApiError) return `${err.message}${err.code ? ` (${err.code})` : ''}`;
  return String(err?.message || err);
}

export async function logout() {
  try {
    await api('DELETE', '/api/v1/session', undefined, { noRedirect: true });
  } finally {
    location.assign('/');
  }
}

export const formatDateTime = (iso) =>
  iso ? new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' }) : '—';

export const formatDate = (ymd) => (ymd ? ymd.split('-').reverse().join('/') : '—');

export const formatCents = (cents) =>
  typeof cents === 'number'
    ? (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' })
    : '—';
