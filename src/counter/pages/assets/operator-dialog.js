// Who is at this terminal: the person picked from the pharmacy's staff, proven by their personal code.
import { api, el, errorText } from './api.js';
import { ROLES as ROLE } from './labels.js';
import { runModal } from './modal.js';

export const operatorLabel = (o) =>
  o ? `${o.firstName} ${o.lastName} — ${ROLE[o.role] ?? o.role}` : 'Aucun opérateur';

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
      return errorText(err); // « Code personnel incorrect. », « … bloquée quelques minutes. »
    },
    onClose: () => (code.value = ''),
  });
  code.focus();
  return opened;
}
