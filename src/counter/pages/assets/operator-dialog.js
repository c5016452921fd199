// Who is at this terminal: the person picked from the pharmacy's staff, proven by their personal code.
import { ApiError, api, el, errorText } from './api.js';

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
  const dialog = document.getElementById('operator-dialog');
  const form = document.getElementById('operator-form');
  const select = document.getElementById('operator-rpps');
  const code = document.getElementById('operator-code');
  const error = document.getElementById('operator-error');
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
  error.textContent = '';
  const opener = document.activeElement;
  dialog.showModal();
  code.focus();
  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      code.value = '';
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(value);
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      const body = { rpps: select.value, code: code.value };
      code.value = '';
      try {
        done(await api('PUT', `/api/v1/terminals/${encodeURIComponent(terminalId)}/operator`, body));
      } catch (err) {
        error.textContent = err instanceof ApiError && REFUSED[err.code] ? REFUSED[err.code] : errorText(err);
        code.focus();
      }
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(undefined);
    };
    const cancel = document.getElementById('operator-cancel');
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
  });
}
