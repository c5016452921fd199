import { announce, api, el, errorText, formatDate, logout } from './api.js';
import { openActDialog } from './act-dialog.js';
import { openOperatorDialog, operatorLabel } from './operator-dialog.js';
import { DISPENSATION_STATUS, ISSUE, LINE_STATUS, SCAN_KIND, SEVERITY } from './labels.js';

const $ = (id) => document.getElementById(id);
const state = { terminalId: '', operator: null, dispensation: null, prescription: null };

const alertBox = $('alert');
const showError = (err) => announce(alertBox, errorText(err), 'error');
const clearError = () => announce(alertBox, '');

function productLabel(line) {
  const p = line.prescribed?.product ?? {};
  if (p.label) return p.label;
  if (p.dc) return [p.dc.substance, p.dc.strength, p.dc.form].filter(Boolean).join(' ');
  return p.cip13 || p.cis || p.lpp || p.code || `Ligne ${line.lineId}`;
}

function issueItem(issue, lineId) {
  const canOverride =
    issue.severity === 'blocking' &&
    !issue.overridden &&
    issue.code !== 'LINE_NOT_ADDRESSED' &&
    state.dispensation?.status === 'open';
  const pharmacien = state.operator?.role === 'pharmacien';
  return el(
    'li',
    { class: `issue ${issue.severity}`, 'data-code': issue.code },
    el('span', { class: 'sev', text: SEVERITY[issue.severity] ?? issue.severity }),
    ' ',
    el('span', { class: 'issue-label', text: ISSUE[issue.code] ?? issue.code }),
    issue.message ? el('span', { class: 'hint', text: ` — ${issue.message}` }) : null,
    issue.overridden
      ? el('span', { class: 'overridden', text: ` — levée : ${issue.overridden.reason}` })
      : null,
    canOverride
      ? el('button', {
          type: 'button',
          class: 'small',
          disabled: !pharmacien,
          title: pharmacien ? undefined : 'Réservé au pharmacien',
          'aria-label': `Passer outre ${issue.code}${pharmacien ? '' : ' (réservé au pharmacien)'}`,
          text: 'Passer outre',
          onclick: () => act('override', { issue, lineId }),
        })
      : null,
  );
}

function renderLines(d) {
  const body = $('lines-body');
  body.replaceChildren(
    ...d.lines.map((line) => {
      const r = line.reconciliation;
      const prescribed = line.prescribed ?? {};
      const open = d.status === 'open';
      return el(
        'tr',
        { 'data-line-id': line.lineId, 'data-line-status': r.status },
        el(
          'td',
          {},
          el('strong', { text: productLabel(line) }),
          prescribed.posology?.text ? el('div', { class: 'hint', text: prescribed.posology.text }) : null,
          line.nonDelivery
            ? el('div', { class: 'hint', text: `Non délivrée : ${line.nonDelivery.reason}` })
            : null,
          line.interventions?.length
            ? el('div', {
                class: 'hint',
                text: `${line.interventions.length} intervention(s) enregistrée(s)`,
              })
            : null,
        ),
        el('td', { class: 'num', text: `${r.dispensedBoxes} / ${r.expectedBoxes ?? '?'}` }),
        el('td', {}, el('span', { class: `badge ${r.status}`, text: LINE_STATUS[r.status] ?? r.status })),
        el(
          'td',
          {},
          el(
            'ul',
            { class: 'issues' },
            r.issues.map((i) => issueItem(i, line.lineId)),
          ),
        ),
        el(
          'td',
          {},
          el(
            'div',
            { class: 'line-actions' },
            el('button', {
              type: 'button',
              class: 'small',
              disabled: !open,
              text: 'Intervention',
              'aria-label': `Intervention pharmaceutique sur ${productLabel(line)}`,
              onclick: () => act('intervention', { line }),
            }),
            el('button', {
              type: 'button',
              class: 'small',
              disabled: !open,
              text: 'Non-délivrance',
              'aria-label': `Non-délivrance de ${productLabel(line)}`,
              onclick: () => act('non-delivery', { line }),
            }),
          ),
        ),
      );
    }),
  );
}

function renderPacks(d) {
  const packs = [
    ...d.lines.flatMap((l) => l.packs.map((p) => ({ ...p, line: l }))),
    ...(d.unassignedPacks ?? []),
  ];
  $('packs-count').textContent = String(packs.length);
  $('packs').replaceChildren(
    ...packs.map((p) =>
      el(
        'li',
        { 'data-pack-id': p.packId },
        el('span', { class: 'pack-label', text: p.label || p.cip13 || p.code }),
        el('span', {
          class: 'hint',
          text: [p.lot && `lot ${p.lot}`, p.expiry && `exp. ${formatDate(p.expiry)}`, !p.line && 'hors ligne']
            .filter(Boolean)
            .join(' · '),
        }),
        el('button', {
          type: 'button',
          class: 'small',
          disabled: d.status !== 'open',
          text: 'Retirer',
          'aria-label': `Retirer la boîte ${p.label || p.cip13 || ''}`,
          onclick: () => removePack(p.packId),
        }),
      ),
    ),
  );
}

function renderPrescription() {
  const p = state.prescription;
  $('rx-meta').hidden = !p;
  if (!p) return;
  $('rx-id').textContent = p.prescriptionId;
  $('rx-date').textContent = formatDate(p.createdAt);
  const pr = p.prescriber ?? {};
  $('rx-prescriber').textContent =
    [pr.firstName, pr.lastName].filter(Boolean).join(' ') +
    (pr.specialty ? ` — ${pr.specialty}` : '') +
    (pr.rpps ? ` (RPPS ${pr.rpps})` : '');
  const pa = p.patient ?? {};
  $('rx-patient').textContent =
    `${pa.lastName ?? ''} ${pa.firstName ?? ''}, né(e) le ${formatDate(pa.birthDate)}`;
}

function render() {
  const d = state.dispensation;
  $('rx-empty').hidden = Boolean(d);
  $('lines').hidden = !d;
  renderPrescription();
  $('validate').disabled = !d || d.status !== 'open';
  if (!d) {
    $('disp-status').textContent = 'Aucune ordonnance en cours';
    $('packs').replaceChildren();
    $('packs-count').textContent = '0';
    $('disp-issues').replaceChildren();
    return;
  }
  $('disp-status').textContent = DISPENSATION_STATUS[d.status] ?? d.status;
  $('disp-status').dataset.status = d.status;
  renderLines(d);
  renderPacks(d);
  $('disp-issues').replaceChildren(...d.issues.map((i) => issueItem(i)));
}

async function showDispensation(d) {
  state.dispensation = d;
  if (d && state.prescription?.prescriptionId !== d.prescriptionId) {
    state.prescription = null;
    try {
      state.prescription = await api('GET', `/api/v1/prescriptions/${encodeURIComponent(d.prescriptionId)}`);
    } catch (err) {
      showError(err);
    }
  }
  render();
}

async function refreshDispensation() {
  if (!state.dispensation) return;
  await showDispensation(await api('GET', `/api/v1/dispensations/${state.dispensation.id}`));
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

async function removePack(packId) {
  clearError();
  try {
    await showDispensation(
      await api('DELETE', `/api/v1/dispensations/${state.dispensation.id}/packs/${packId}`),
    );
    $('last-scan').textContent = 'Boîte retirée.';
  } catch (err) {
    showError(err);
  }
}

async function act(kind, context) {
  clearError();
  const d = state.dispensation;
  const updated = await openActDialog(kind, context, async (path, body) =>
    api('POST', `/api/v1/dispensations/${d.id}/${path}`, body),
  );
  if (updated) await showDispensation(updated);
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
    const blocking = err.problem?.issues?.map((i) => i.code).join(', ');
    $('validate-result').textContent = blocking ? `Validation refusée : ${blocking}` : '';
    showError(err);
    button.disabled = state.dispensation?.status !== 'open';
  }
}

function onScan(data) {
  if (data.error) {
    $('last-scan').textContent = `Code illisible (${data.error.code}).`;
    return;
  }
  const what = SCAN_KIND[data.kind] ?? data.kind;
  const detail =
    data.parsed?.prescriptionId ?? data.parsed?.cip13 ?? data.parsed?.code ?? data.parsed?.gtin ?? '';
  $('last-scan').textContent =
    `Scanné : ${what} ${detail}${data.warnings?.length ? ` — ${data.warnings.join(', ')}` : ''}`;
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
  on('dispensation-updated', (d) => {
    if (d.terminalId === state.terminalId) return showDispensation(d);
  });
  on('card-inserted', (data) => {
    if (data.error) $('last-scan').textContent = `Carte illisible (${data.error.code}).`;
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

async function start() {
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
  $('scan-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    const input = $('scan-input');
    const data = input.value.trim();
    if (!data) return;
    try {
      const r = await api('POST', '/api/v1/scans', { data, terminalId: state.terminalId });
      if (r.retrieval && r.retrieval.status !== 'retrieved') {
        announce(
          alertBox,
          `Ordonnance non récupérée : ${r.retrieval.status}${r.retrieval.code ? ` (${r.retrieval.code})` : ''}`,
          'error',
        );
      }
      input.value = '';
    } catch (err) {
      showError(err);
    }
  });
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
