// A modal <dialog> around a form: the one way the counter page asks for something and waits for it.

/**
 * Opens `dialog`; on submit calls `submit()` and resolves with what it returns (the dialog closes), or
 * shows what it threw in `error` and stays open; « Annuler » or Escape resolves with undefined. Focus goes
 * back to what opened it, found again if a live update redrew it.
 */
export function runModal({ dialog, form, cancel, error, submit, showError, onClose }) {
  error.textContent = '';
  const openerKey = focusKey(document.activeElement);
  dialog.showModal();
  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      onClose?.();
      if (dialog.open) dialog.close();
      // The opener may have been redrawn while the dialog was open (a live update): find it again.
      refocus(openerKey);
      resolve(value);
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      try {
        done(await submit());
      } catch (err) {
        error.textContent = showError(err);
      }
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(undefined);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
  });
}

/** What identifies a control across a redraw: its id, else its tag, label and text. */
export function focusKey(node) {
  if (!(node instanceof HTMLElement) || node === document.body) return undefined;
  return {
    id: node.id,
    tag: node.tagName,
    label: node.getAttribute('aria-label'),
    text: node.textContent,
    row: node.closest('[data-line-id]')?.getAttribute('data-line-id'),
  };
}

/** Focuses the control `key` named, redrawn or not; else the first control of its line; else `fallback`. */
export function refocus(key, fallback) {
  if (!key) return;
  if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
    if (document.activeElement.isConnected && focusKey(document.activeElement)?.label === key.label) return;
  }
  const same = key.id
    ? document.getElementById(key.id)
    : [...document.querySelectorAll(key.tag)].find(
        (n) => n.getAttribute('aria-label') === key.label && n.textContent === key.text,
      );
  const row = key.row && document.querySelector(`[data-line-id="${CSS.escape(key.row)}"]`);
  const target =
    [same, row?.querySelector('button:not(:disabled), summary')].find(
      (n) => n instanceof HTMLElement && n.offsetParent !== null && !n.disabled,
    ) ?? fallback;
  target?.focus();
}
