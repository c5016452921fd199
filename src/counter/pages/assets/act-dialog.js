// The dialog for the pharmacist's acts on a line: SFPC intervention, non-delivery, override of an issue.
import { ApiError, el, errorText } from './api.js';
import { runModal } from './modal.js';
import { AGREEMENT_CHANNELS, NON_DELIVERY_REASONS } from './labels.js';

let sfpc;
const sfpcCodes = async () => (sfpc ??= await (await fetch('/assets/sfpc-codes.json')).json());

const field = (id, label, control) =>
  el('div', { class: 'field' }, el('label', { for: id, text: label }), control);

const select = (id, options, { required = true, empty } = {}) =>
  el(
    'select',
    { id, name: id, required },
    empty !== undefined ? el('option', { value: '', text: empty }) : null,
    Object.entries(options).map(([value, text]) => el('option', { value, text })),
  );

const codeOptions = (list) => Object.fromEntries(list.map((c) => [c.code, `${c.code} — ${c.label}`]));

async function fieldsFor(kind, context) {
  if (kind === 'intervention') {
    const codes = await sfpcCodes();
    return {
      title: 'Intervention pharmaceutique (codes SFPC)',
      fields: [
        field('problemCode', 'Problème identifié', select('problemCode', codeOptions(codes.problems))),
        field(
          'interventionCode',
          'Intervention',
          select('interventionCode', codeOptions(codes.interventions)),
        ),
        field(
          'outcome',
          'Devenir (facultatif)',
          select('outcome', codeOptions(codes.outcomes), { required: false, empty: '—' }),
        ),
        field(
          'agreement',
          'Accord du prescripteur',
          select('agreement', { '': 'Non sollicité', ...AGREEMENT_CHANNELS }, { required: false }),
        ),
        field(
          'comment',
          'Commentaire (facultatif)',
          el('textarea', { id: 'comment', name: 'comment', rows: 2, maxlength: 500 }),
        ),
      ],
      submit: (form) => {
        const body = { problemCode: form.problemCode.value, interventionCode: form.interventionCode.value };
        if (form.outcome.value) body.outcome = form.outcome.value;
        if (form.agreement.value) {
          body.prescriberAgreement = {
            obtained: true,
            at: new Date().toISOString(),
            channel: form.agreement.value,
          };
        }
        if (form.comment.value.trim()) body.comment = form.comment.value.trim();
        return [`lines/${context.line.lineId}/interventions`, body];
      },
    };
  }
  if (kind === 'non-delivery') {
    return {
      title: 'Non-délivrance de la ligne',
      fields: [
        field('reason', 'Motif', select('reason', NON_DELIVERY_REASONS)),
        field(
          'comment',
          'Commentaire (facultatif)',
          el('textarea', { id: 'comment', name: 'comment', rows: 2, maxlength: 500 }),
        ),
      ],
      submit: (form) => {
        const body = { reason: form.reason.value };
        if (form.comment.value.trim()) body.comment = form.comment.value.trim();
        return [`lines/${context.line.lineId}/non-delivery`, body];
      },
    };
  }
  return {
    title: `Passer outre : ${context.issue.code}`,
    fields: [
      el('p', { class: 'hint', text: context.issue.message }),
      field(
        'reason',
        'Justification (obligatoire, tracée)',
        el('textarea', { id: 'reason', name: 'reason', rows: 3, required: true, maxlength: 500 }),
      ),
    ],
    submit: (form) => {
      const body = { reason: form.reason.value.trim() };
      if (context.lineId) body.lineId = context.lineId;
      return [`issues/${encodeURIComponent(context.issue.code)}/override`, body];
    },
  };
}

/** Opens the dialog; resolves with the updated dispensation, or undefined when cancelled. */
export async function openActDialog(kind, context, post) {
  const form = document.getElementById('act-form');
  const spec = await fieldsFor(kind, context);
  document.getElementById('act-title').textContent = spec.title;
  document.getElementById('act-fields').replaceChildren(...spec.fields);
  return runModal({
    dialog: document.getElementById('act-dialog'),
    form,
    cancel: document.getElementById('act-cancel'),
    error: document.getElementById('act-error'),
    submit: () => post(...spec.submit(form)),
    showError: (err) => (err instanceof ApiError ? errorText(err) : String(err)),
  });
}
