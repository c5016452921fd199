// Who is at this terminal: the person picked from the pharmacy's staff, proven by their personal code.
import { ApiError, api, el, errorText } from './api.js';
import { runModal } from './modal.js';

const ROLE = { pharmacien: 'pharmacien', preparateur: 'préparateur' };

export const operatorLabel = (o) =>
  o ? `${o.firstName} ${o.lastName} — ${ROLE[o.role] ?? o.role}` : 'Aucun opérateur';

const REFUSED = {
  OPERATOR_CODE_INVALID: 'Code personnel incorrect.',
  OPERATOR_LOCKED: 'Trop de codes incorrects : cette personne est bloquée quelques minutes.',
  OPERATOR_UNKNOWN: "Cette personne n'est plus au registre du personnel.",
};

/**
 * Opens the dialog; resolves with the new operator (as the API answers it), or undefined when cancelled.
 * The code is sent once and never kept: the field is emptied whatever the answer.
 */
export async function openOperatorDialog(terminalId, current) {
  const select = document.getElementById('operator-rpps');
  const code = document.getElementById('operator-code');
  const { items } = await api('GET', '/api/v1/staff');
  select.replaceChildren(
    ...items.map((s) =>
      el('option', {
        value: s.rpps,
        text: `${s.lastName} ${s.firstName} — ${ROLE[s.role] ?? s.role}`,
        selected: s.rpps === current?.rpps,
      }),
    ),
  );
  code.value = '';
  const opened = runModal({
    dialog: document.getElementById('operator-dialog'),
    form: document.getElementById('operator-form'),
    cancel: document.getElementById('operator-cancel'),
    error: document.getElementById('operator-error'),
    submit: () => {
      const body = { rpps: select.value, code: code.value };
      code.value = '';
      return api('PUT', `/api/v1/terminals/${encodeURIComponent(terminalId)}/operator`, body);
    },
    showError: (err) => {
      code.focus();
      return err instanceof ApiError && REFUSED[err.code] ? REFUSED[err.code] : errorText(err);
    },
    onClose: () => (code.value = ''),
  });
  code.focus();
  return opened;
}
