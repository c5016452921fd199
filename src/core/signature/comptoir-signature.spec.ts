import { createHmac } from 'node:crypto';
import { signComptoirPayload, verifyComptoirSignature } from './comptoir-signature';

describe('Comptoir-Signature (API.md: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">)', () => {
  const at = new Date('2026-11-22T09:00:00Z');
  const body = '{"reportId":"r1","montant":"1,23 €"}';

  it('is the HMAC-SHA256 of "t.body" as API.md writes it, computed here independently', () => {
    const t = 1795338000;
    const expected = createHmac('sha256', 'secret').update(`${t}.${body}`).digest('hex');
    expect(signComptoirPayload('secret', body, at)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature and refuses another body, another secret, an old time or garbage', () => {
    const header = signComptoirPayload('secret', body, at);
    expect(verifyComptoirSignature('secret', header, body, at)).toBe(true);
    expect(verifyComptoirSignature('secret', header, `${body} `, at)).toBe(false);
    expect(verifyComptoirSignature('other', header, body, at)).toBe(false);
    expect(verifyComptoirSignature('secret', header, body, new Date(at.getTime() + 301_000))).toBe(false);
    for (const bad of [undefined, '', 't=x,v1=00', `t=${at.getTime() / 1000}`, 'v1=zz'])
      expect(verifyComptoirSignature('secret', bad, body, at)).toBe(false);
  });
});
