import { hostAllowed, hostName } from './allowed-hosts';

describe('Host allowlist', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['Comptoir.Pharmacie.local', 'comptoir.pharmacie.local'],
    ['[::1]:3000', '::1'],
    ['[::1]', '::1'],
  ])('%s names %s', (header, name) => {
    expect(hostName(header)).toBe(name);
  });

  it('accepts the listed names on any port, and nothing else', () => {
    const allowed = ['127.0.0.1', 'comptoir.pharmacie.local'];
    expect(hostAllowed('127.0.0.1:3000', allowed)).toBe(true);
    expect(hostAllowed('comptoir.pharmacie.local', allowed)).toBe(true);
    expect(hostAllowed('evil.example', allowed)).toBe(false);
    expect(hostAllowed('127.0.0.1.evil.example', allowed)).toBe(false);
    expect(hostAllowed(undefined, allowed)).toBe(false);
  });
});
