import { announce, api, ApiError, el, errorText, formatDate, issueList, logout } from './api.js';
import { openActDialog } from './act-dialog.js';
import { historyItems, issueItem, lineRows, packItems, renewalText } from './counter-view.js';
import { focusKey, refocus } from './modal.js';
import { openOperatorDialog, operatorLabel } from './operator-dialog.js';
import {
  DISPENSATION_STATUS,
  ERROR,
  RETRIEVAL_STATUS,
  RX_STATUS,
  SCAN_KIND,
  SCAN_WARNINGS,
} from './labels.js';
import { sfpcCodes, sfpcLabel } from './sfpc.js';
import { startWebcam } from './webcam.js';

const $ = (id) => document.getElementById(id);
const state = {
  terminalId: '',
  operator: null,
  dispensation: null,
  prescription: null,
  /** The prescription scanned and being retrieved: the screen waits for it. */
  pending: null,
  /** Lines whose « Autres actes » are unfolded, kept across redraws. */
  openMore: new Set(),
  sfpc: null,
  webcam: null,
  /** Scans this page posted and already heard the answer of (their SSE `scan` event may come after). */
  answered: new Set(),
};

const alertBox = $('alert');
const showError = (err) => announce(alertBox, errorText(err), 'error');
const clearError = () => announce(alertBox, '');

/** The banner above the prescription: a retrieval in progress or failed, degraded mode. */
function banner(text, kind = 'info') {
  const b = $('rx-banner');
  b.hidden = !text;
  b.textContent = text ?? '';
  b.dataset.kind = kind;
}

function viewContext() {
  const d = state.dispensation;
  return {
    open: d?.status === 'open',
    pharmacien: state.operator?.role === 'pharmacien',
    openMore: state.openMore,
    sfpc: {
      problem: (c) => sfpcLabel(state.sfpc, 'problems', c),
      intervention: (c) => sfpcLabel(state.sfpc, 'interventions', c),
    },
    on: { act, removePack, setFlag, cancelAct, cancelManual },
  };
}

function renderPrescription() {
  const p = state.prescription;
  const d = state.dispensation;
  $('rx-meta').hidden = !d;
  $('rx-history-box').hidden = !p?.executions?.some((e) => e.kind === 'execution');
  if (!d) return;
  $('rx-id').textContent = d.prescriptionId;
  $('rx-renewal').textContent = renewalText(d.renewalNumber ?? 0);
  $('rx-date').textContent = p ? formatDate(p.createdAt) : '—';
  const pr = p?.prescriber ?? {};
  $('rx-prescriber').textContent = p
    ? [pr.firstName, pr.lastName].filter(Boolean).join(' ') +
      (pr.specialty ? ` — ${pr.specialty}` : '') +
      (pr.rpps ? ` (RPPS ${pr.rpps})` : '')
    : '—';
  const pa = p?.patient ?? {};
  $('rx-patient').textContent = p
    ? `${pa.lastName ?? ''} ${pa.firstName ?? ''}, né(e) le ${formatDate(pa.birthDate)}`
    : '—';
  $('rx-status').textContent = p ? (RX_STATUS[p.status] ?? '—') : '—';
  $('rx-history').replaceChildren(...historyItems(p));
}

function render() {
  // A redraw replaces the controls: the one that had the focus gets it back.
  const focused = focusKey(document.activeElement);
  const d = state.dispensation;
  const ctx = viewContext();
  $('rx-empty').hidden = Boolean(d) || Boolean(state.pending);
  $('lines').hidden = !d;
  renderPrescription();
  $('validate').disabled = !ctx.open;
  $('abandon').disabled = !ctx.open;
  $('degraded-actions').hidden = !d?.degraded;
  $('transcribe').disabled = !ctx.open;
  $('confirm-transcription').hidden = !d?.issues?.some(
    (i) => i.code === 'TRANSCRIPTION_DIFFERS' && !i.overridden,
  );
  if (!d) {
    $('disp-status').textContent = state.pending ? 'Récupération en cours…' : 'Aucune ordonnance en cours';
    delete $('disp-status').dataset.status;
    $('lines-body').replaceChildren();
    $('packs').replaceChildren();
    $('packs-count').textContent = '0';
    $('disp-issues').replaceChildren();
    return;
  }
  $('disp-status').textContent = DISPENSATION_STATUS[d.status] ?? 'Statut inconnu';
  $('disp-status').dataset.status = d.status;
  $('lines-body').replaceChildren(...lineRows(d, state.prescription, ctx));
  const packs = packItems(d, ctx);
  $('packs-count').textContent = String(packs.length);
  $('packs').replaceChildren(...packs);
  $('disp-issues').replaceChildren(
    ...d.issues.filter((i) => !i.details?.packId).map((i) => issueItem(i, {}, ctx)),
  );
  refocus(focused, $('rx-title'));
}

/** Shows `d` (null: nothing); a new dispensation clears what was said about the one before. */
async function showDispensation(d) {
  const before = state.dispensation;
  if (d?.id !== before?.id) {
    $('validate-result').textContent = '';
    state.openMore.clear();
  } else if (d && before && d.updatedAt !== before.updatedAt && d.status === 'open') {
    // Whatever refused the validation has changed: the refusal no longer says how things are.
    $('validate-result').textContent = '';
  }
  state.dispensation = d;
  if (d) {
    if (state.pending === d.prescriptionId) state.pending = null;
    banner(
      d.degraded
        ? 'Mode dégradé : ordonnance ouverte sans le téléservice. Transcrivez les lignes du papier ; l’exécution partira à son retour.'
        : undefined,
      'warning',
    );
  }
  if (d && state.prescription?.prescriptionId !== d.prescriptionId) {
    state.prescription = null;
    try {
      state.prescription = await api('GET', `/api/v1/prescriptions/${encodeURIComponent(d.prescriptionId)}`);
    } catch (err) {
      if (!d.degraded) showError(err);
    }
  }
  render();
}

async function refreshDispensation() {
  if (!state.dispensation) return;
  await showDispensation(await api('GET', `/api/v1/dispensations/${state.dispensation.id}`));
}

/** A prescription scanned: the previous patient's lines leave the screen while it is retrieved. */
function awaitPrescription(prescriptionId) {
  if (state.dispensation?.prescriptionId === prescriptionId && state.dispensation.status === 'open') return;
  state.pending = prescriptionId;
  state.dispensation = null;
  state.prescription = null;
  $('validate-result').textContent = '';
  banner(`Récupération de l’ordonnance ${prescriptionId}…`);
  render();
}

/** The retrieval failed: say which prescription and why; nothing of another patient stays on screen. */
function retrievalFailed(prescriptionId, status, code) {
  state.pending = null;
  state.dispensation = null;
  state.prescription = null;
  const label = ERROR[code] ?? RETRIEVAL_STATUS[status] ?? 'échec de la récupération';
  const why = label.charAt(0).toLowerCase() + label.slice(1);
  banner(`Ordonnance ${prescriptionId} non récupérée : ${why}`, 'error');
  render();
}

function showHolder(card) {
  const box = $('card-holder');
  if (!card) return box.replaceChildren(el('p', { class: 'hint', text: 'Aucune carte lue.' }));
  const h = card.holder;
  box.replaceChildren(
    el(
      'dl',
      { class: 'meta' },
      el(
        'div',
        {},
        el('dt', { text: 'Assuré' }),
        el('dd', { id: 'holder-name', text: `${h.lastName} ${h.firstNames.join(' ')}` }),
      ),
      el('div', {}, el('dt', { text: 'Né(e) le' }), el('dd', { text: formatDate(h.birthDate) })),
      card.beneficiaries?.length
        ? el(
            'div',
            {},
            el('dt', { text: 'Ayants droit' }),
            el('dd', {
              text: card.beneficiaries.map((b) => `${b.lastName} ${b.firstNames.join(' ')}`).join(', '),
            }),
          )
        : null,
    ),
  );
}

async function refreshBacklog() {
  try {
    const [queued, parked] = await Promise.all([
      api('GET', '/api/v1/executions?status=queued'),
      api('GET', '/api/v1/executions?status=parked'),
    ]);
    const q = queued.items.length;
    const p = parked.items.length;
    const box = $('backlog');
    box.textContent = `File d'envoi : ${q} en attente${p ? `, ${p} bloquée(s)` : ''}`;
    box.dataset.kind = p ? 'error' : q ? 'warning' : 'ok';
  } catch {
    $('backlog').textContent = "File d'envoi : inconnue";
  }
}

/** A request on the shown dispensation (`dispensation/…` in the path); its answer redraws the screen. */
async function send(method, path, body) {
  const d = state.dispensation;
  const url = `/api/v1/dispensations/${encodeURIComponent(d.id)}${path.slice('dispensation'.length)}`;
  return api(method, url, body);
}

async function shown(answer) {
  if (answer && Array.isArray(answer.lines)) await showDispensation(answer);
  else await refreshDispensation();
}

async function removePack(packId) {
  clearError();
  try {
    await shown(await send('DELETE', `dispensation/packs/${encodeURIComponent(packId)}`));
    $('last-scan').textContent = 'Boîte retirée.';
  } catch (err) {
    showError(err);
  }
}

async function cancelAct(line, path, actId) {
  clearError();
  try {
    await shown(
      await send(
        'DELETE',
        `dispensation/lines/${encodeURIComponent(line.lineId)}/${path}/${encodeURIComponent(actId)}`,
      ),
    );
  } catch (err) {
    showError(err);
  }
}

const cancelManual = (line, deliveryId) => cancelAct(line, 'manual-delivery', deliveryId);

async function setFlag(line, key, value, input) {
  clearError();
  try {
    await shown(
      await send('PATCH', `dispensation/lines/${encodeURIComponent(line.lineId)}`, { [key]: value }),
    );
  } catch (err) {
    input.checked = !value;
    showError(err);
  }
}

async function act(kind, context = {}) {
  clearError();
  try {
    const answer = await openActDialog(kind, { ...context, lines: state.dispensation?.lines ?? [] }, send);
    if (answer !== undefined) await shown(answer);
  } catch (err) {
    showError(err);
  }
}

async function validate() {
  clearError();
  const button = $('validate');
  button.disabled = true;
  try {
    const r = await api('POST', `/api/v1/dispensations/${state.dispensation.id}/validate`, {});
    $('validate-result').textContent = `Délivrance validée : exécution n° ${r.sequence}.`;
    await refreshDispensation();
    await refreshBacklog();
  } catch (err) {
    const issues = err instanceof ApiError ? err.problem?.issues : undefined;
    if (err.code === 'DISPENSATION_HAS_BLOCKING_ISSUES' && issues?.length) {
      $('validate-result').textContent = `Validation refusée : ${issueList(issues)}`;
    } else {
      showError(err);
    }
    button.disabled = state.dispensation?.status !== 'open';
  }
}

function onScan(data) {
  if (data.error) {
    $('last-scan').textContent = `Code illisible : ${ERROR[data.error.code] ?? 'code non reconnu.'}`;
    return;
  }
  const what = SCAN_KIND[data.kind] ?? 'Code';
  const detail =
    data.parsed?.prescriptionId ?? data.parsed?.cip13 ?? data.parsed?.code ?? data.parsed?.gtin ?? '';
  const warnings = (data.warnings ?? []).map((w) => SCAN_WARNINGS[w] ?? 'avertissement');
  $('last-scan').textContent =
    `Scanné : ${what} ${detail}${warnings.length ? ` — ${warnings.join(', ')}` : ''}`;
  const prescription = data.kind === 'prescription-qr' || data.kind === 'prescription-id';
  if (prescription && !state.answered.has(data.id)) awaitPrescription(data.parsed.prescriptionId);
}

/** What the service says of a scan posted from this page (typed, or read by the webcam). */
function onScanPosted(r) {
  state.answered.add(r.id);
  if (r.retrieval && r.retrieval.status !== 'retrieved') {
    retrievalFailed(r.parsed?.prescriptionId ?? '', r.retrieval.status, r.retrieval.code);
  }
  const warnings = (r.warnings ?? []).map((w) => SCAN_WARNINGS[w]).filter(Boolean);
  if (warnings.length) $('last-scan').textContent = `Scanné : ${warnings.join(', ')}`;
}

async function postScan(data) {
  clearError();
  onScanPosted(await api('POST', '/api/v1/scans', { data, terminalId: state.terminalId }));
}

function connectEvents() {
  const source = new EventSource(`/api/v1/events?terminalId=${encodeURIComponent(state.terminalId)}`);
  const live = $('live');
  source.onopen = () => {
    live.textContent = 'Temps réel : connecté';
    live.dataset.kind = 'ok';
  };
  source.onerror = () => {
    live.textContent = 'Temps réel : reconnexion…';
    live.dataset.kind = 'warning';
    // A refused reconnection (session expired) closes the stream for good: back to the login.
    if (source.readyState === EventSource.CLOSED)
      api('GET', '/api/v1/session')
        .then(() => setTimeout(() => location.reload(), 5000))
        .catch(() => undefined);
  };
  const on = (type, handler) =>
    source.addEventListener(type, (e) => {
      Promise.resolve(handler(JSON.parse(e.data).data)).catch(showError);
    });
  on('scan', onScan);
  on('prescription-retrieved', (data) => {
    $('last-scan').textContent = `Ordonnance ${data.prescriptionId} récupérée.`;
  });
  on('retrieval-failed', (data) =>
    retrievalFailed(
      data.prescriptionId,
      data.status ?? data.retrieval?.status,
      data.code ?? data.retrieval?.code,
    ),
  );
  on('dispensation-updated', (d) => {
    if (d.terminalId !== state.terminalId) return;
    // The shown one, or the open one the scanner now feeds; an old one changing elsewhere stays off screen.
    if (d.id === state.dispensation?.id || d.status === 'open') return showDispensation(d);
  });
  on('card-inserted', (data) => {
    if (data.error) $('last-scan').textContent = 'Carte illisible : retirez-la et insérez-la de nouveau.';
    else showHolder(data.holder ?? null);
  });
  on('card-removed', () => showHolder(null));
  const onExecution = async (data) => {
    await refreshBacklog();
    if (data.prescriptionId === state.dispensation?.prescriptionId) await refreshDispensation();
  };
  on('execution-acknowledged', onExecution);
  on('execution-parked', onExecution);
}

async function toggleWebcam() {
  const button = $('webcam-toggle');
  if (state.webcam) {
    state.webcam.stop();
    state.webcam = null;
    button.textContent = 'Lire avec la webcam';
    button.setAttribute('aria-pressed', 'false');
    return;
  }
  button.setAttribute('aria-pressed', 'true');
  button.textContent = 'Arrêter la webcam';
  state.webcam = await startWebcam({
    video: $('webcam-video'),
    status: $('webcam-status'),
    onCode: (text) => postScan(text).catch(showError),
  });
  if (!state.webcam) {
    button.textContent = 'Lire avec la webcam';
    button.setAttribute('aria-pressed', 'false');
  }
}

function wire() {
  $('logout').addEventListener('click', logout);
  $('change-operator').addEventListener('click', () =>
    openOperatorDialog(state.terminalId, state.operator)
      .then((operator) => {
        if (!operator) return;
        state.operator = operator;
        $('operator').textContent = operatorLabel(operator);
        render(); // what the operator may do (an override) follows the role
      })
      .catch(showError),
  );
  $('validate').addEventListener('click', validate);
  $('abandon').addEventListener('click', () => act('abandon'));
  $('transcribe').addEventListener('click', () => act('transcribe'));
  $('confirm-transcription').addEventListener('click', () => act('confirm-transcription'));
  $('webcam-toggle').addEventListener('click', () => toggleWebcam().catch(showError));
  $('scan-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('scan-input');
    const data = input.value.trim();
    if (!data) return;
    try {
      await postScan(data);
      input.value = '';
    } catch (err) {
      showError(err);
    }
  });
}

async function start() {
  wire();
  const me = await api('GET', '/api/v1/session');
  state.terminalId = me.terminalId;
  $('terminal').textContent = `Poste ${me.terminalId}`;
  connectEvents();
  try {
    state.operator = await api('GET', `/api/v1/terminals/${me.terminalId}/operator`);
  } catch {
    state.operator = null;
  }
  $('operator').textContent = operatorLabel(state.operator);
  sfpcCodes()
    .then((codes) => {
      state.sfpc = codes;
      if (state.dispensation) render();
    })
    .catch(() => undefined);
  const open = await api('GET', '/api/v1/dispensations?status=open');
  if (!state.dispensation && open.items[0]) await showDispensation(open.items[0]);
  else render();
  try {
    showHolder(await api('GET', `/api/v1/terminals/${me.terminalId}/card`));
  } catch {
    showHolder(null);
  }
  await refreshBacklog();
  setInterval(refreshBacklog, 30_000);
  document.body.dataset.ready = 'true';
}

start().catch(showError);
