// A modal <dialog> around a form: the one way the counter page asks for something and waits for it.

/**
 * Opens `dialog`; on submit calls `submit()` and resolves with what it returns (the dialog closes), or
 * shows what it threw in `error` and stays open; « Annuler » or Escape resolves with undefined. Focus goes
 * back to what had it.
 */
export function runModal({ dialog, form, cancel, error, submit, showError, onClose }) {
  error.textContent = '';
  const opener = document.activeElement;
  dialog.showModal();
  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      onClose?.();
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
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
