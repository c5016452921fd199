import { announce, api, el, errorText, formatCents, formatDate, formatDateTime, logout } from './api.js';
import { drawChart } from './chart.js';
import { PRESCRIPTION_STATUS, REJECTION_STATUS, SUGGESTED_ACTION } from './labels.js';

const $ = (id) => document.getElementById(id);
const alertBox = $('alert');
const showError = (err) => announce(alertBox, errorText(err), 'error');
const clearError = () => announce(alertBox, '');

const pdfHref = (r) => `/api/v1/prescriptions/${encodeURIComponent(r.prescriptionId)}/reconstitution.pdf`;

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
    el('td', { text: SUGGESTED_ACTION[r.suggestedAction] ?? r.suggestedAction }),
    el(
      'td',
      {},
      el('span', {
        class: `badge ${r.status}`,
        'data-status': r.status,
        text: REJECTION_STATUS[r.status] ?? r.status,
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
      el('a', {
        href: pdfHref(r),
        target: '_blank',
        rel: 'noopener',
        class: 'pdf-link',
        text: 'Ordonnance reconstituée (PDF)',
        'aria-label': `Ordonnance reconstituée ${r.prescriptionId} (PDF, nouvel onglet)`,
      }),
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

async function updateRejection(r, status, comment) {
  clearError();
  try {
    const body = { status };
    if (comment.trim()) body.comment = comment.trim();
    await api('PATCH', `/api/v1/invoice-rejections/${encodeURIComponent(r.rejectionId)}`, body);
    $('rejections-empty').textContent = `Rejet ${r.fseNumber} : ${REJECTION_STATUS[status]}.`;
    await Promise.all([loadRejections(), loadDashboard()]);
  } catch (err) {
    showError(err);
  }
}

function importReport(report) {
  const box = $('import-report');
  const list = (title, rows, text) =>
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
    ...list(
      'Lignes sans facture correspondante',
      report.unmatched,
      (u) => `Ligne ${u.line} : FSE ${u.fseNumber} (${u.code})`,
    ),
    ...list('Lignes invalides', report.invalid, (i) => `Ligne ${i.line} : ${i.error}`),
  );
}

function today(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function loadDashboard() {
  const params = new URLSearchParams();
  for (const id of ['from', 'to']) if ($(id).value) params.set(id, $(id).value);
  if ($('dashboard-status').value) params.set('status', $('dashboard-status').value);
  try {
    const dash = await api('GET', `/api/v1/dashboard?${params}`);
    $('counts').replaceChildren(
      ...Object.entries(PRESCRIPTION_STATUS).map(([key, label]) =>
        el(
          'div',
          { 'data-count': key },
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
    $('items-body').replaceChildren(
      ...(dash.items ?? [])
        .slice(0, 200)
        .map((i) =>
          el(
            'tr',
            {},
            el('td', { text: i.prescriptionId }),
            el('td', { text: PRESCRIPTION_STATUS[i.status] ?? i.status }),
            el('td', { text: formatDateTime(i.updatedAt) }),
            el('td', { text: i.terminalId ?? '—' }),
            el('td', { text: i.executionsElsewhere ? String(i.executionsElsewhere) : '—' }),
          ),
        ),
    );
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
    void loadRejections();
  });
  $('dashboard-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    void loadDashboard();
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
  await Promise.all([loadRejections(), loadDashboard()]);
  document.body.dataset.ready = 'true';
}

start().catch(showError);
