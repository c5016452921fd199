import { announce, api, el, errorText, formatCents, formatDate, formatDateTime, logout } from './api.js';
import { drawChart } from './chart.js';
import {
  ACT_TYPES,
  DISPENSATION_STATUS,
  ERROR,
  EXECUTION_KIND,
  EXECUTION_STATUS,
  ISSUE,
  PRESCRIPTION_STATUS,
  REJECTION_STATUS,
  ROLES,
  SUGGESTED_ACTION,
} from './labels.js';
import { focusKey, refocus, runModal } from './modal.js';
import { sfpcCodes, sfpcLabel } from './sfpc.js';

const $ = (id) => document.getElementById(id);
const alertBox = $('alert');
const showError = (err) => announce(alertBox, errorText(err), 'error');
const clearError = () => announce(alertBox, '');
let sfpc = null;
/** The rejection whose detail is open: live events redraw it. */
let shownRejection = null;

const pdfHref = (prescriptionId) =>
  `/api/v1/prescriptions/${encodeURIComponent(prescriptionId)}/reconstitution.pdf`;

const pdfLink = (prescriptionId, text, label) =>
  el('a', {
    href: pdfHref(prescriptionId),
    target: '_blank',
    rel: 'noopener',
    class: 'pdf-link',
    text,
    'aria-label': label,
  });

/** What the suggested action asks, and the control that does it when the page can. */
function suggestedAction(r) {
  const text = SUGGESTED_ACTION[r.suggestedAction] ?? 'Voir le détail';
  if (r.suggestedAction === 'send-reconstitution-scor')
    return [
      el('div', { text }),
      pdfLink(
        r.prescriptionId,
        'Ouvrir la reconstitution',
        `Ouvrir la reconstitution pour SCOR, rejet ${r.fseNumber} (PDF, nouvel onglet)`,
      ),
    ];
  if (r.suggestedAction === 'resend-execution')
    return [
      el('div', { text }),
      el('button', {
        type: 'button',
        class: 'small',
        text: 'Voir les envois',
        'aria-label': `Voir les envois du rejet ${r.fseNumber}`,
        onclick: () => openDetail(r.rejectionId),
      }),
    ];
  return [el('div', { text })];
}

function rejectionRow(r) {
  const statusId = `status-${r.rejectionId}`;
  const commentId = `comment-${r.rejectionId}`;
  const status = el(
    'select',
    { id: statusId },
    Object.entries(REJECTION_STATUS).map(([value, text]) =>
      el('option', { value, text, selected: value === r.status }),
    ),
  );
  const comment = el('input', {
    id: commentId,
    value: r.comment ?? '',
    maxlength: 500,
    placeholder: 'Commentaire',
  });
  return el(
    'tr',
    { 'data-rejection-id': r.rejectionId, 'data-fse': r.fseNumber },
    el(
      'td',
      {},
      el('strong', { text: r.fseNumber }),
      el('div', { class: 'hint', text: `Facture ${r.billingNumber ?? '—'} du ${formatDate(r.invoiceDate)}` }),
    ),
    el(
      'td',
      {},
      el('span', { text: `${r.rejectionCode} — ${r.label}` }),
      el('div', { class: 'hint', text: `Reçu le ${formatDateTime(r.receivedAt)}` }),
    ),
    el('td', { class: 'num', text: formatCents(r.amountCents) }),
    el('td', {}, suggestedAction(r)),
    el(
      'td',
      {},
      el('span', {
        class: `badge ${r.status}`,
        'data-status': r.status,
        text: REJECTION_STATUS[r.status] ?? 'Inconnu',
      }),
      el(
        'div',
        { class: 'rejection-status' },
        el('label', { for: statusId, class: 'sr-only', text: `Nouveau statut du rejet ${r.fseNumber}` }),
        status,
        el('label', { for: commentId, class: 'sr-only', text: `Commentaire du rejet ${r.fseNumber}` }),
        comment,
        el('button', {
          type: 'button',
          class: 'small',
          text: 'Enregistrer',
          'aria-label': `Enregistrer le statut du rejet ${r.fseNumber}`,
          onclick: () => updateRejection(r, status.value, comment.value),
        }),
      ),
    ),
    el(
      'td',
      {},
      el('button', {
        type: 'button',
        class: 'small',
        text: 'Détail',
        'aria-label': `Détail du rejet ${r.fseNumber}`,
        onclick: () => openDetail(r.rejectionId),
      }),
      ' ',
      pdfLink(
        r.prescriptionId,
        'Ordonnance reconstituée (PDF)',
        `Ordonnance reconstituée ${r.prescriptionId} (PDF, nouvel onglet)`,
      ),
    ),
  );
}

async function loadRejections() {
  const status = $('rejection-status-filter').value;
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  try {
    const { items } = await api('GET', `/api/v1/invoice-rejections${query}`);
    $('rejections-body').replaceChildren(...items.map(rejectionRow));
    $('rejections-empty').textContent = items.length ? `${items.length} rejet(s).` : 'Aucun rejet.';
  } catch (err) {
    showError(err);
  }
}

/** The new status is saved: said in words, and the row stays where it is with it (the filter applies later). */
async function updateRejection(r, status, comment) {
  clearError();
  try {
    const body = { status };
    if (comment.trim()) body.comment = comment.trim();
    const saved = await api('PATCH', `/api/v1/invoice-rejections/${encodeURIComponent(r.rejectionId)}`, body);
    const old = document.querySelector(`tr[data-rejection-id="${CSS.escape(r.rejectionId)}"]`);
    const row = rejectionRow(saved);
    row.classList.add('changed');
    old?.replaceWith(row);
    row.scrollIntoView({ block: 'nearest' });
    row.querySelector('button[aria-label^="Enregistrer"]')?.focus();
    $('rejections-status').textContent =
      `Rejet ${saved.fseNumber} : statut « ${REJECTION_STATUS[saved.status]} » enregistré.`;
    await loadDashboard();
  } catch (err) {
    showError(err);
  }
}

const section = (title, ...content) =>
  el('section', { class: 'detail-section' }, el('h3', { text: title }), ...content);
const list = (items, text, empty) =>
  items?.length
    ? el(
        'ul',
        {},
        items.map((i) => el('li', { text: text(i) })),
      )
    : el('p', { class: 'hint', text: empty });
const who = (by) => (by ? `${ROLES[by.role] ?? 'opérateur'} RPPS ${by.rpps}` : '—');

function executionItem(x, rejectionId) {
  const reasonId = `cancel-reason-${x.executionId}`;
  const text = `${EXECUTION_KIND[x.kind] ?? 'Envoi'} n° ${x.sequence} : ${EXECUTION_STATUS[x.status] ?? 'état inconnu'}${x.acknowledgedAt ? ` le ${formatDateTime(x.acknowledgedAt)}` : ''}`;
  if (x.status !== 'parked') return el('li', { 'data-execution-id': x.executionId, text });
  // Enter in the reason must not submit the dialog's form (which closes it).
  const reason = el('input', {
    id: reasonId,
    maxlength: 500,
    onkeydown: (e) => e.key === 'Enter' && e.preventDefault(),
  });
  return el(
    'li',
    { 'data-execution-id': x.executionId },
    el('span', { text }),
    el(
      'div',
      { class: 'row' },
      el('button', {
        type: 'button',
        class: 'small',
        text: 'Relancer',
        'aria-label': `Relancer l’envoi n° ${x.sequence}`,
        onclick: () => executionAction(rejectionId, x, 'retry'),
      }),
      el('label', { for: reasonId, text: 'Motif d’annulation' }),
      reason,
      el('button', {
        type: 'button',
        class: 'small',
        text: 'Annuler l’envoi',
        'aria-label': `Annuler l’envoi n° ${x.sequence}`,
        onclick: () => executionAction(rejectionId, x, 'cancel', reason.value.trim()),
      }),
    ),
  );
}

function detailBody(d) {
  const lineLabel = (lineId) => d.lines?.find((l) => l.lineId === lineId)?.label ?? `ligne ${lineId ?? '—'}`;
  const p = d.patient;
  return [
    el(
      'dl',
      { class: 'meta' },
      el(
        'div',
        {},
        el('dt', { text: 'Patient' }),
        el('dd', {
          id: 'detail-patient',
          text: p ? `${p.lastName} ${p.firstName}, né(e) le ${formatDate(p.birthDate)}` : '—',
        }),
      ),
      el('div', {}, el('dt', { text: 'Ordonnance' }), el('dd', { text: d.prescriptionId })),
      el('div', {}, el('dt', { text: 'Rejet' }), el('dd', { text: `${d.rejectionCode} — ${d.label}` })),
      el(
        'div',
        {},
        el('dt', { text: 'Action suggérée' }),
        el('dd', { text: SUGGESTED_ACTION[d.suggestedAction] ?? '—' }),
      ),
      el(
        'div',
        {},
        el('dt', { text: 'Délivrance' }),
        el('dd', {
          text: d.dispensation
            ? `${DISPENSATION_STATUS[d.dispensation.status] ?? '—'}, poste ${d.dispensation.terminalId}, par ${who(d.dispensation.operator)}`
            : '—',
        }),
      ),
      el(
        'div',
        {},
        el('dt', { text: 'Facture' }),
        el('dd', {
          text: d.invoice
            ? `FSE ${d.invoice.fseNumber}, ${formatCents(d.invoice.amountCents)}, le ${formatDateTime(d.invoice.invoicedAt)}${d.invoice.overridden ? ' (avant accusé de réception)' : ''}`
            : '—',
        }),
      ),
    ),
    section(
      'Envois au téléservice',
      el(
        'ul',
        { class: 'executions' },
        (d.executions ?? []).map((x) => executionItem(x, d.rejectionId)),
      ),
    ),
    section(
      'Boîtes délivrées',
      list(
        d.packs,
        (b) =>
          `${b.label}${b.lot ? ` — lot ${b.lot}` : ''}${b.serial ? ` · série ${b.serial}` : ''}${b.expiry ? ` · exp. ${formatDate(b.expiry)}` : ''} (${lineLabel(b.lineId)})`,
        'Aucune boîte.',
      ),
    ),
    section(
      'Interventions pharmaceutiques',
      list(
        d.interventions,
        (i) =>
          `${lineLabel(i.lineId)} : ${sfpcLabel(sfpc, 'problems', i.problemCode)} → ${sfpcLabel(sfpc, 'interventions', i.interventionCode)}${i.comment ? ` — ${i.comment}` : ''}`,
        'Aucune intervention.',
      ),
    ),
    section(
      'Alertes levées',
      list(
        d.overrides,
        (o) =>
          `${ISSUE[o.code] ?? 'Alerte'} (${o.lineId ? lineLabel(o.lineId) : 'délivrance'}) : ${o.reason} — ${who(o.by)}, le ${formatDateTime(o.at)}`,
        'Aucune alerte levée.',
      ),
    ),
    section(
      'Autres actes',
      list(
        d.acts,
        (a) => `${ACT_TYPES[a.type] ?? 'Acte'} (${lineLabel(a.lineId)}), le ${formatDateTime(a.at)}`,
        'Aucun autre acte.',
      ),
    ),
    el(
      'p',
      {},
      pdfLink(
        d.prescriptionId,
        'Ordonnance reconstituée (PDF)',
        `Ordonnance reconstituée ${d.prescriptionId} (PDF, nouvel onglet)`,
      ),
    ),
  ];
}

/** Draws the detail; a redraw keeps what was typed and where the focus was. */
async function showDetail(rejectionId) {
  const d = await api('GET', `/api/v1/invoice-rejections/${encodeURIComponent(rejectionId)}`);
  const body = $('detail-body');
  const typed = [...body.querySelectorAll('input')].map((i) => [i.id, i.value]);
  const focused = body.contains(document.activeElement) ? focusKey(document.activeElement) : undefined;
  $('detail-title').textContent = `Rejet de la FSE ${d.fseNumber}`;
  body.replaceChildren(...detailBody(d));
  for (const [id, value] of typed) {
    const input = document.getElementById(id);
    if (input) input.value = value;
  }
  refocus(focused, $('detail-close'));
  return d;
}

async function openDetail(rejectionId) {
  clearError();
  try {
    sfpc ??= await sfpcCodes().catch(() => null);
    $('detail-status').textContent = '';
    await showDetail(rejectionId);
  } catch (err) {
    return showError(err);
  }
  shownRejection = rejectionId;
  await runModal({
    dialog: $('detail-dialog'),
    form: $('detail-form'),
    cancel: $('detail-close'),
    error: $('detail-error'),
    submit: async () => undefined,
    showError: errorText,
    onClose: () => (shownRejection = null),
  });
}

/** The back office hears of executions acknowledged or parked: the dashboard and an open detail follow. */
function connectEvents() {
  const source = new EventSource('/api/v1/events');
  const refresh = () => {
    void loadDashboard();
    if (shownRejection) showDetail(shownRejection).catch(() => undefined);
  };
  source.addEventListener('execution-acknowledged', refresh);
  source.addEventListener('execution-parked', refresh);
}

/** Retry or cancel a parked call from the rejection's detail; the detail, list and dashboard follow. */
async function executionAction(rejectionId, x, action, reason) {
  $('detail-error').textContent = '';
  if (action === 'cancel' && !reason) {
    $('detail-error').textContent = 'Indiquez le motif d’annulation.';
    return;
  }
  try {
    const path = `/api/v1/executions/${encodeURIComponent(x.executionId)}/${action}`;
    await api('POST', path, action === 'cancel' ? { reason } : {});
    await showDetail(rejectionId);
    $('detail-status').textContent =
      action === 'retry' ? `Envoi n° ${x.sequence} relancé.` : `Envoi n° ${x.sequence} annulé.`;
    await Promise.all([loadRejections(), loadDashboard()]);
  } catch (err) {
    $('detail-error').textContent = errorText(err);
  }
}

function importReport(report) {
  const box = $('import-report');
  const lines = (title, rows, text) =>
    rows?.length
      ? [
          el('h3', { text: title }),
          el(
            'ul',
            {},
            rows.map((r) => el('li', { text: text(r) })),
          ),
        ]
      : [];
  box.replaceChildren(
    el('p', {
      text: `${report.lines} ligne(s) lue(s) : ${report.imported} importée(s), ${report.duplicates} déjà connue(s), ${report.unmatched?.length ?? 0} sans facture correspondante, ${report.invalid?.length ?? 0} invalide(s).`,
    }),
    ...lines(
      'Lignes sans facture correspondante',
      report.unmatched,
      (u) => `Ligne ${u.line} : FSE ${u.fseNumber} — ${ERROR[u.code] ?? 'non rapprochée'}`,
    ),
    ...lines('Lignes invalides', report.invalid, (i) => `Ligne ${i.line} : ${i.error}`),
  );
}

function today(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function itemRow(i) {
  return el(
    'tr',
    { 'data-prescription-id': i.prescriptionId },
    el(
      'td',
      {},
      pdfLink(
        i.prescriptionId,
        i.prescriptionId,
        `Ordonnance ${i.prescriptionId} reconstituée (PDF, nouvel onglet)`,
      ),
    ),
    el('td', { text: PRESCRIPTION_STATUS[i.status] ?? 'Inconnu' }),
    el('td', { text: formatDateTime(i.updatedAt) }),
    el('td', { text: i.terminalId ?? '—' }),
    el('td', { text: i.executionsElsewhere ? String(i.executionsElsewhere) : '—' }),
    el(
      'td',
      {},
      i.rejectionId
        ? el('button', {
            type: 'button',
            class: 'small',
            text: 'Voir le rejet',
            'aria-label': `Voir le rejet de l’ordonnance ${i.prescriptionId}`,
            onclick: () => openDetail(i.rejectionId),
          })
        : '—',
    ),
  );
}

async function loadDashboard() {
  const params = new URLSearchParams();
  for (const id of ['from', 'to']) if ($(id).value) params.set(id, $(id).value);
  if ($('dashboard-status').value) params.set('status', $('dashboard-status').value);
  $('export-csv').href = `/api/v1/dashboard/items.csv?${params}`;
  try {
    const dash = await api('GET', `/api/v1/dashboard?${params}`);
    $('counts').replaceChildren(
      ...Object.entries(PRESCRIPTION_STATUS).map(([key, label]) =>
        el(
          'div',
          { 'data-count': key, class: `s-${key}` },
          el('dt', { text: label }),
          el('dd', { text: String(dash.counts?.[key] ?? 0) }),
        ),
      ),
    );
    const b = dash.backlog;
    if (b) {
      $('backlog').textContent = `File d'envoi : ${b.queued} en attente, ${b.parked} bloquée(s)`;
      $('backlog').dataset.kind = b.parked ? 'error' : b.queued ? 'warning' : 'ok';
      $('backlog-detail').textContent =
        `Envois : ${b.queued} en attente, ${b.sending} en cours, ${b.parked} bloqué(s)` +
        (b.oldestQueuedAt ? `, le plus ancien depuis ${formatDateTime(b.oldestQueuedAt)}` : '') +
        (typeof dash.deliveredElsewhere === 'number'
          ? ` · ${dash.deliveredElsewhere} ordonnance(s) délivrée(s) en partie ailleurs`
          : '');
    }
    drawChart($('chart'), $('legend'), dash.series ?? []);
    $('items-body').replaceChildren(...(dash.items ?? []).slice(0, 200).map(itemRow));
  } catch (err) {
    showError(err);
  }
}

async function start() {
  $('logout').addEventListener('click', logout);
  const me = await api('GET', '/api/v1/session');
  $('terminal').textContent = `Connecté : ${me.terminalId}`;
  $('from').value = today(-29);
  $('to').value = today();
  $('dashboard-status').append(
    ...Object.entries(PRESCRIPTION_STATUS).map(([value, text]) => el('option', { value, text })),
  );
  $('rejections-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    $('rejections-status').textContent = '';
    void loadRejections();
  });
  $('dashboard-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    void loadDashboard();
  });
  $('import-file').addEventListener('change', () => {
    $('import-file-name').textContent = $('import-file').files?.[0]?.name ?? 'Aucun fichier choisi';
  });
  $('import-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    clearError();
    const file = $('import-file').files?.[0];
    if (!file) return announce(alertBox, 'Choisissez un fichier CSV.', 'error');
    try {
      const report = await api('POST', '/api/v1/invoice-rejections/import', file, {
        contentType: 'text/csv',
      });
      importReport(report);
      await Promise.all([loadRejections(), loadDashboard()]);
    } catch (err) {
      showError(err);
    }
  });
  connectEvents();
  await Promise.all([loadRejections(), loadDashboard()]);
  document.body.dataset.ready = 'true';
}

start().catch(showError);
