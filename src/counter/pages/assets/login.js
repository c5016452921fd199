import { api, ApiError, errorText } from './api.js';

const HOME = { counter: '/counter', 'back-office': '/back-office' };
const form = document.getElementById('login-form');
const token = document.getElementById('token');
const error = document.getElementById('login-error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  if (!token.value.trim()) {
    error.textContent = 'Saisissez un jeton.';
    token.setAttribute('aria-invalid', 'true');
    token.focus();
    return;
  }
  try {
    const me = await api('POST', '/api/v1/session', { token: token.value.trim() }, { noRedirect: true });
    location.assign(HOME[me.role]);
  } catch (err) {
    token.setAttribute('aria-invalid', 'true');
    error.textContent =
      err instanceof ApiError && err.status === 401
        ? 'Jeton refusé.'
        : `Connexion impossible : ${errorText(err)}`;
    token.select();
  }
});

token.focus();
