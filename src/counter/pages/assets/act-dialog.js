// The dialog for the pharmacist's acts: one form per act (API.md § Dispensations), each a request to send.
import { el, errorText } from './api.js';
import { runModal } from './modal.js';
import { sfpcCodes } from './sfpc.js';
import { packLabel, productLabel } from './counter-view.js';
import {
  AGREEMENT_CHANNELS,
  CONDITIONAL_TESTS,
  NON_DELIVERY_REASONS,
  RENEWAL_KINDS,
  TEST_RESULTS,
} from './labels.js';

const field = (id, label, control, hint) =>
  el(
    'div',
    { class: 'field' },
    el('label', { for: id, text: label }),
    control,
    hint ? el('p', { class: 'hint', text: hint }) : null,
  );

const select = (id, options, { required = true, empty, value } = {}) =>
  el(
    'select',
    { id, name: id, required },
    empty !== undefined ? el('option', { value: '', text: empty }) : null,
    Object.entries(options).map(([v, text]) => el('option', { value: v, text, selected: v === value })),
  );

const textarea = (id, { required = false, rows = 2 } = {}) =>
  el('textarea', { id, name: id, rows, maxlength: 500, required });

const comment = () => field('comment', 'Commentaire (facultatif)', textarea('comment'));

const codeOptions = (list) => Object.fromEntries(list.map((c) => [c.code, `${c.code} — ${c.label}`]));

/** « 2026-01-15T10:30 » for a datetime-local input, in the browser's time. */
function localNow() {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}
const when = (id, label) =>
  field(id, label, el('input', { id, name: id, type: 'datetime-local', required: true, value: localNow() }));
const instant = (value) => new Date(value).toISOString();
const trimmed = (form, name) => form[name]?.value.trim() || undefined;

/** The price the execution carries (docs/acts.md): unit price in euros, reimbursement rate in percent. */
const priceFields = (required) => [
  field(
    'unitPrice',
    required ? 'Prix unitaire (€)' : 'Prix unitaire (€, facultatif)',
    el('input', {
      id: 'unitPrice',
      name: 'unitPrice',
      type: 'number',
      min: 0,
      max: 100000,
      step: 0.01,
      required,
    }),
  ),
  field(
    'reimbursementRate',
    required ? 'Taux de remboursement (%)' : 'Taux de remboursement (%, facultatif)',
    el('input', {
      id: 'reimbursementRate',
      name: 'reimbursementRate',
      type: 'number',
      min: 0,
      max: 100,
      step: 1,
      required,
    }),
  ),
];

/** `{ unitPriceCents, reimbursementRate }` from the price fields, each only when filled. */
function priceOf(form) {
  const out = {};
  const euros = form.unitPrice.value.trim();
  const rate = form.reimbursementRate.value.trim();
  if (euros !== '') out.unitPriceCents = Math.round(Number(euros) * 100);
  if (rate !== '') out.reimbursementRate = Number(rate);
  return out;
}

/** SFPC problem / intervention / outcome, and the prescriber's agreement: obtained, refused or not asked. */
async function interventionFields(prefix = '') {
  const codes = await sfpcCodes();
  const id = (n) => `${prefix}${n}`;
  return [
    field(id('problemCode'), 'Problème identifié', select(id('problemCode'), codeOptions(codes.problems))),
    field(
      id('interventionCode'),
      'Intervention',
      select(id('interventionCode'), codeOptions(codes.interventions)),
    ),
    field(
      id('outcome'),
      'Devenir (facultatif)',
      select(id('outcome'), codeOptions(codes.outcomes), { required: false, empty: '—' }),
    ),
    field(
      id('agreement'),
      'Accord du prescripteur',
      select(
        id('agreement'),
        { obtained: 'Obtenu', refused: 'Refusé' },
        { required: false, empty: 'Non sollicité' },
      ),
    ),
    field(
      id('channel'),
      'Moyen de contact du prescripteur',
      select(id('channel'), AGREEMENT_CHANNELS, { required: false, empty: '—' }),
      'Obligatoire quand l’accord est obtenu ou refusé.',
    ),
  ];
}

function interventionBody(form, prefix = '') {
  const v = (n) => form[`${prefix}${n}`]?.value;
  const body = { problemCode: v('problemCode'), interventionCode: v('interventionCode') };
  if (v('outcome')) body.outcome = v('outcome');
  if (v('agreement')) {
    if (!v('channel')) throw new Error('Indiquez comment le prescripteur a été joint.');
    body.prescriberAgreement = {
      obtained: v('agreement') === 'obtained',
      at: new Date().toISOString(),
      channel: v('channel'),
    };
  }
  return body;
}

const line = (ctx) => `dispensation/lines/${encodeURIComponent(ctx.line.lineId)}`;

/** Each act: its title, its fields, and the request it makes ([method, path under the dispensation, body]). */
const ACTS = {
  async intervention(ctx) {
    return {
      title: `Intervention pharmaceutique (codes SFPC) — ${productLabel(ctx.line)}`,
      fields: [...(await interventionFields()), comment()],
      submit: (form) => {
        const body = interventionBody(form);
        if (trimmed(form, 'comment')) body.comment = trimmed(form, 'comment');
        return ['POST', `${line(ctx)}/interventions`, body];
      },
    };
  },
  'non-delivery': (ctx) => ({
    title: `Non-délivrance — ${productLabel(ctx.line)}`,
    fields: [field('reason', 'Motif', select('reason', NON_DELIVERY_REASONS)), comment()],
    submit: (form) => [
      'POST',
      `${line(ctx)}/non-delivery`,
      { reason: form.reason.value, comment: trimmed(form, 'comment') },
    ],
  }),
  conditional(ctx) {
    const test = ctx.line.prescribed.conditional.test;
    const bu = test === 'bu-cystite';
    const finding = (id, label) => field(id, label, select(id, TEST_RESULTS, { empty: '—' }));
    return {
      title: `${CONDITIONAL_TESTS[test]} — ${productLabel(ctx.line)}`,
      fields: [
        el('p', {
          class: 'hint',
          text: bu
            ? 'Relevez les deux lectures de la bandelette, puis votre conclusion : elle décide de la délivrance.'
            : 'Votre lecture du test décide de la délivrance ; un test négatif enregistre la non-délivrance.',
        }),
        ...(bu ? [finding('nitrites', 'Nitrites'), finding('leucocytes', 'Leucocytes')] : []),
        field('result', 'Résultat du test', select('result', TEST_RESULTS, { empty: '—' })),
        when('performedAt', 'Réalisé le'),
      ],
      submit: (form) => {
        const body = { test, result: form.result.value, performedAt: instant(form.performedAt.value) };
        if (bu) body.findings = { nitrites: form.nitrites.value, leucocytes: form.leucocytes.value };
        return ['POST', `${line(ctx)}/conditional`, body];
      },
    };
  },
  manual: (ctx) => ({
    title: `Délivrance manuelle — ${productLabel(ctx.line)}`,
    fields: [
      el('p', {
        class: 'hint',
        text: 'Pour un article sans code-barres : préparation magistrale, dispositif sans code.',
      }),
      field(
        'quantity',
        'Quantité remise',
        el('input', {
          id: 'quantity',
          name: 'quantity',
          type: 'number',
          min: 1,
          max: 999,
          value: 1,
          required: true,
        }),
      ),
      ...priceFields(false),
      comment(),
    ],
    submit: (form) => [
      'POST',
      `${line(ctx)}/manual-delivery`,
      { quantity: Number(form.quantity.value), ...priceOf(form), comment: trimmed(form, 'comment') },
    ],
  }),
  renewal(ctx) {
    const p = ctx.line.prescribed ?? {};
    const kinds = Object.fromEntries(
      Object.entries(RENEWAL_KINDS).filter(
        ([k]) =>
          k === 'exceptional-dispensation' ||
          (k === 'correspondent-renewal' && p.pharmacistRenewalAuthorized) ||
          (k === 'posology-adjustment' && p.posologyAdjustmentAuthorized),
      ),
    );
    return {
      title: `Renouvellement — ${productLabel(ctx.line)}`,
      fields: [
        field('kind', 'Acte', select('kind', kinds, { value: ctx.kind })),
        field(
          'durationDays',
          'Durée couverte, en jours (facultatif)',
          el('input', { id: 'durationDays', name: 'durationDays', type: 'number', min: 1, max: 366 }),
        ),
        field(
          'posology',
          'Nouvelle posologie (adaptation)',
          el('input', { id: 'posology', name: 'posology', maxlength: 500 }),
        ),
        comment(),
      ],
      submit: (form) => {
        const body = {
          kind: form.kind.value,
          posology: trimmed(form, 'posology'),
          comment: trimmed(form, 'comment'),
        };
        if (form.durationDays.value) body.durationDays = Number(form.durationDays.value);
        return ['POST', `${line(ctx)}/renewal`, body];
      },
    };
  },
  informed: (ctx) => ({
    title: `Prescripteur informé — ${productLabel(ctx.line)}`,
    fields: [
      field('channel', 'Moyen', select('channel', AGREEMENT_CHANNELS, { value: 'secure-messaging' })),
      when('at', 'Le'),
    ],
    submit: (form) => [
      'PATCH',
      line(ctx),
      { prescriberInformed: { at: instant(form.at.value), channel: form.channel.value } },
    ],
  }),
  async override(ctx) {
    const sfpcFields = await interventionFields('ov-');
    const box = el('div', { class: 'nested', hidden: true }, sfpcFields);
    const toggle = el('input', {
      type: 'checkbox',
      id: 'withIntervention',
      name: 'withIntervention',
      onchange: (e) => {
        box.hidden = !e.target.checked;
        for (const s of box.querySelectorAll('select[name$="Code"]')) s.required = e.target.checked;
      },
    });
    return {
      title: `Passer outre : ${ctx.label}`,
      fields: [
        el('p', { class: 'hint', text: ctx.issue.message }),
        field(
          'reason',
          'Justification (tracée)',
          textarea('reason', { rows: 3 }),
          'Une justification, une intervention, ou les deux.',
        ),
        el(
          'div',
          { class: 'check' },
          toggle,
          el('label', { for: 'withIntervention', text: 'Motiver par une intervention pharmaceutique' }),
        ),
        box,
      ],
      submit: (form) => {
        const body = { lineId: ctx.lineId, reason: trimmed(form, 'reason') };
        if (form.withIntervention.checked) body.intervention = interventionBody(form, 'ov-');
        if (!body.reason && !body.intervention)
          throw new Error('Donnez une justification ou une intervention.');
        if (body.reason && body.reason.length < 3) throw new Error('La justification est trop courte.');
        return ['POST', `dispensation/issues/${encodeURIComponent(ctx.issue.code)}/override`, body];
      },
    };
  },
  assign: (ctx) => ({
    title: `Affecter la boîte ${packLabel(ctx.pack)}`,
    fields: [
      field(
        'lineId',
        'Ligne de l’ordonnance',
        select('lineId', Object.fromEntries(ctx.lines.map((l) => [l.lineId, productLabel(l)]))),
      ),
    ],
    submit: (form) => [
      'PATCH',
      `dispensation/packs/${encodeURIComponent(ctx.pack.packId)}`,
      { lineId: form.lineId.value },
    ],
  }),
  price: (ctx) => ({
    title: `Prix de la boîte ${packLabel(ctx.pack)}`,
    fields: [
      el('p', {
        class: 'hint',
        text: 'Le référentiel ne donne pas ce prix : l’exécution transmise au téléservice le porte.',
      }),
      ...priceFields(true),
    ],
    submit: (form) => ['PATCH', `dispensation/packs/${encodeURIComponent(ctx.pack.packId)}`, priceOf(form)],
  }),
  abandon: () => ({
    title: 'Abandonner la délivrance',
    fields: [
      el('p', { class: 'hint', text: 'La délivrance est close sans exécution ; ses boîtes sont libérées.' }),
      field('reason', 'Motif (tracé)', textarea('reason', { required: true, rows: 3 })),
    ],
    submit: (form) => ['POST', 'dispensation/abandon', { reason: form.reason.value.trim() }],
  }),
  transcribe: () => ({
    title: 'Transcrire une ligne de l’ordonnance papier',
    fields: [
      field(
        'kind',
        'Nature',
        select('kind', { medication: 'Médicament', device: 'Dispositif', magistral: 'Préparation' }),
      ),
      field(
        'label',
        'Désignation',
        el('input', { id: 'label', name: 'label', required: true, maxlength: 200 }),
      ),
      field(
        'cip13',
        'CIP13 (facultatif)',
        el('input', { id: 'cip13', name: 'cip13', inputmode: 'numeric', pattern: '[0-9]{13}' }),
      ),
      field(
        'posology',
        'Posologie',
        el('input', { id: 'posology', name: 'posology', required: true, maxlength: 500 }),
      ),
      field(
        'boxes',
        'Boîtes',
        el('input', { id: 'boxes', name: 'boxes', type: 'number', min: 1, max: 99, value: 1 }),
      ),
      field(
        'durationDays',
        'Durée en jours (facultatif)',
        el('input', { id: 'durationDays', name: 'durationDays', type: 'number', min: 1, max: 366 }),
      ),
    ],
    submit: (form) => {
      const product = { label: form.label.value.trim() };
      if (form.cip13.value) product.cip13 = form.cip13.value;
      const body = {
        kind: form.kind.value,
        product,
        posology: { text: form.posology.value.trim() },
        quantity: { boxes: Number(form.boxes.value) },
      };
      if (form.durationDays.value) body.durationDays = Number(form.durationDays.value);
      return ['POST', 'dispensation/lines', body];
    },
  }),
  'confirm-transcription': () => ({
    title: 'Confirmer la transcription',
    fields: [
      el('p', {
        class: 'hint',
        text: 'Vous avez vérifié la transcription contre l’ordonnance du téléservice.',
      }),
      comment(),
    ],
    submit: (form) => ['POST', 'dispensation/transcription/confirm', { comment: trimmed(form, 'comment') }],
  }),
};

/**
 * Opens the dialog for `kind`; `send(method, path, body)` makes the request (path under the dispensation,
 * `dispensation/…`). Resolves with what it answered, or undefined when cancelled.
 */
export async function openActDialog(kind, context, send) {
  const form = document.getElementById('act-form');
  const spec = await ACTS[kind](context);
  document.getElementById('act-title').textContent = spec.title;
  document.getElementById('act-fields').replaceChildren(...spec.fields);
  return runModal({
    dialog: document.getElementById('act-dialog'),
    form,
    cancel: document.getElementById('act-cancel'),
    error: document.getElementById('act-error'),
    submit: () => send(...spec.submit(form)),
    showError: (err) => (err instanceof Error && !('status' in err) ? err.message : errorText(err)),
  });
}
