// Calls to /api/v1 with the session cookie (same origin); problem+json answers become ApiError.
import { ERROR, HTTP_STATUS, ISSUE } from './labels.js';

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
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    // The browser's own words (« Failed to fetch ») are English and say nothing to the counter.
    throw new ApiError(0, { code: undefined });
  }
  if (res.status === 401 && !options.noRedirect) {
    location.assign('/');
    throw new ApiError(401, { detail: 'session expirée' });
  }
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined; // a proxy's HTML error page: judged on its status
  }
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

/** What went wrong, in French, from the code (labels.js): never the raw code nor the English detail. */
export function errorText(err) {
  if (!(err instanceof ApiError)) return 'Erreur inattendue de la page : rechargez-la.';
  if (err.status === 0) return 'Service Comptoir injoignable : vérifiez la connexion et réessayez.';
  const text = ERROR[err.code] ?? HTTP_STATUS[err.status] ?? `Erreur du service (${err.status}).`;
  const issues = err.problem?.issues;
  if (err.code === 'DISPENSATION_HAS_BLOCKING_ISSUES' && Array.isArray(issues) && issues.length) {
    return `${text} ${issueList(issues)}`;
  }
  return text;
}

/** « 2 alertes : Boîte périmée, Ligne non traitée. » */
export function issueList(issues) {
  const names = [...new Set(issues.map((i) => ISSUE[i.code] ?? 'Alerte'))];
  return `${issues.length} alerte${issues.length > 1 ? 's' : ''} : ${names.join(', ')}.`;
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
