import { buildRequestEnvelope } from './wire/envelope';
import { buildAssertionXml } from '../prescription/teleservice/security/assertion';
import type { AssertionClaims, AssertionWindow } from '../prescription/teleservice/security/signer.port';
import {
  createTestCa,
  generateTestPki,
  issueCardCertificate,
  PemPair,
  TEST_PHARMACIST,
  TestPki,
} from '../prescription/teleservice/security/test-pki';
import { TestPkiSigner } from '../prescription/teleservice/security/test-pki-signer';
import { RejectionReason, VerifiedAssertionCache, verifyAssertion } from './verify-assertion';
import { ALGORITHMS } from './verify-assertion';

const NOW = new Date('2026-11-22T09:00:00Z');
const MINUTE = 60_000;
const window = (fromMin: number, toMin: number): AssertionWindow => ({
  issueInstant: new Date(NOW.getTime() + fromMin * MINUTE),
  notBefore: new Date(NOW.getTime() + fromMin * MINUTE),
  notOnOrAfter: new Date(NOW.getTime() + toMin * MINUTE),
});
const CLAIMS: AssertionClaims = {
  rpps: TEST_PHARMACIST.rpps,
  role: 'pharmacien',
  displayName: 'PHARMACIEN TEST',
  pharmacy: { finess: '990000011', am: '991234567' },
  software: { id: 'comptoir', name: 'Comptoir', version: '0.1.0' },
};
const BODY = { prescriptionId: '202611200930000001' };
const envelope = (assertion: string): string =>
  buildRequestEnvelope('consulterPrescription', BODY, assertion);

describe('verifyAssertion', () => {
  let pki: TestPki;
  let signed: string;
  let idCounter = 0;
  const sign = (card: PemPair = pki.pharmacistCard, claims = CLAIMS, w = window(-1, 10)): Promise<string> =>
    new TestPkiSigner(card, () => `_a${(idCounter += 1)}`).signAssertion(claims, w);
  const rejection = (xml: string, now = NOW): RejectionReason | 'ok' => {
    const result = verifyAssertion(xml, pki.ca.certPem, now);
    return result.ok ? 'ok' : result.reason;
  };

  beforeAll(async () => {
    pki = generateTestPki(new Date('2026-01-01T00:00:00Z'));
    signed = await sign();
  });

  it('accepts a signed assertion in the WS-Security header and returns its claims', () => {
    const result = verifyAssertion(envelope(signed), pki.ca.certPem, NOW);
    expect(result).toMatchObject({ ok: true, claims: CLAIMS, signerRpps: TEST_PHARMACIST.rpps });
  });

  it('accepts a bare assertion, and a preparateur acting under the pharmacist card', async () => {
    expect(rejection(signed)).toBe('ok');
    expect(
      rejection(await sign(pki.pharmacistCard, { ...CLAIMS, role: 'preparateur', rpps: '10001234568' })),
    ).toBe('ok');
  });

  it.each<[string, (xml: string) => string, RejectionReason]>([
    [
      'a changed subject',
      (x) => x.replace(`>${TEST_PHARMACIST.rpps}</saml:NameID>`, '>10001234568</saml:NameID>'),
      'tampered',
    ],
    [
      'a changed role',
      (x) => x.replace('>pharmacien</saml:AttributeValue>', '>preparateur</saml:AttributeValue>'),
      'tampered',
    ],
    [
      'a stretched window',
      (x) => x.replace(/NotOnOrAfter="[^"]+"/, 'NotOnOrAfter="2030-01-01T00:00:00.000Z"'),
      'tampered',
    ],
    [
      'a forged signature value',
      (x) => x.replace(/<ds:SignatureValue>[A-Za-z0-9+/]{8}/, '<ds:SignatureValue>AAAAAAAA'),
      'tampered',
    ],
    [
      'a weaker algorithm',
      (x) => x.replace(ALGORITHMS.signature, 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'),
      'unsupported-algorithm',
    ],
    ['a reference to another element', (x) => x.replace(/URI="#[^"]+"/, 'URI="#_other"'), 'wrapping'],
    ['no certificate', (x) => x.replace(/<ds:KeyInfo>.*<\/ds:KeyInfo>/, ''), 'untrusted'],
    ['broken XML', (x) => x.slice(0, 200), 'invalid-assertion'],
  ])('refuses %s', (_label, alter, reason) => {
    expect(rejection(envelope(alter(signed)))).toBe(reason);
  });

  it('refuses an unsigned assertion', () => {
    const unsigned = buildAssertionXml(CLAIMS, window(-1, 10), { id: '_u1', issuer: 'CN=nobody' });
    expect(rejection(envelope(unsigned))).toBe('unsigned');
  });

  it('refuses a request without assertion', () => {
    expect(rejection(envelope(''))).toBe('missing');
  });

  it('refuses an expired or not yet valid assertion', async () => {
    expect(rejection(await sign(pki.pharmacistCard, CLAIMS, window(-20, -10)))).toBe('expired');
    expect(rejection(signed, new Date(NOW.getTime() + 11 * MINUTE))).toBe('expired');
    expect(rejection(await sign(pki.pharmacistCard, CLAIMS, window(5, 15)))).toBe('not-yet-valid');
  });

  it('refuses a card from another CA, and an expired card', async () => {
    const otherCa = createTestCa({ commonName: 'Rogue CA', now: NOW });
    expect(rejection(await sign(issueCardCertificate(otherCa, TEST_PHARMACIST, NOW)))).toBe('untrusted');
    const expiredCard = issueCardCertificate(pki.ca, {
      ...TEST_PHARMACIST,
      notBefore: new Date('2025-01-01T00:00:00Z'),
      notAfter: new Date('2026-01-01T00:00:00Z'),
    });
    expect(rejection(await sign(expiredCard))).toBe('untrusted');
  });

  it('refuses a non-pharmacist card, a role not allowed and a subject that is not the card holder', async () => {
    const doctor = { ...CLAIMS, rpps: pki.nonPharmacistCard.rpps };
    expect(rejection(await sign(pki.nonPharmacistCard, doctor))).toBe('not-a-pharmacist-card');
    expect(rejection(await sign(pki.pharmacistCard, { ...CLAIMS, role: 'medecin' }))).toBe(
      'role-not-allowed',
    );
    expect(rejection(await sign(pki.pharmacistCard, { ...CLAIMS, rpps: '10009999999' }))).toBe(
      'identity-mismatch',
    );
  });

  it('caps the lifetime at one hour, as the national service does', async () => {
    expect(rejection(await sign(pki.pharmacistCard, CLAIMS, window(-1, 59)))).toBe('ok');
    expect(rejection(await sign(pki.pharmacistCard, CLAIMS, window(-1, 60 * 24)))).toBe('lifetime-too-long');
  });

  it('accepts role pharmacien only with the RPPS of the signing card as subject', async () => {
    const otherPharmacist = issueCardCertificate(pki.ca, { ...TEST_PHARMACIST, rpps: '10001112223' }, NOW);
    expect(rejection(await sign(otherPharmacist, CLAIMS))).toBe('identity-mismatch');
    expect(rejection(await sign(otherPharmacist, { ...CLAIMS, rpps: '10001112223' }))).toBe('ok');
  });

  describe('the structure certificate', () => {
    const STRUCTURE_CLAIMS = { ...CLAIMS, rpps: '3990000011', role: 'structure', displayName: undefined };

    it('signs for its own pharmacy with role structure', async () => {
      expect(rejection(await sign(pki.structure, STRUCTURE_CLAIMS))).toBe('ok');
    });

    it.each<[string, Partial<AssertionClaims>]>([
      ['as a pharmacist', { role: 'pharmacien', rpps: TEST_PHARMACIST.rpps }],
      ['as a preparateur', { role: 'preparateur', rpps: TEST_PHARMACIST.rpps }],
      ['for another structure', { rpps: '3990000029', pharmacy: { finess: '990000029' } }],
      ['for another pharmacy', { pharmacy: { finess: '990000029' } }],
    ])('cannot sign %s', async (_label, change) => {
      expect(rejection(await sign(pki.structure, { ...STRUCTURE_CLAIMS, ...change }))).toBe(
        'identity-mismatch',
      );
    });

    it('is the only certificate that signs with role structure', async () => {
      expect(rejection(await sign(pki.pharmacistCard, STRUCTURE_CLAIMS))).toBe('role-not-allowed');
    });
  });

  describe('signature wrapping', () => {
    const evil = (id: string): string =>
      buildAssertionXml({ ...CLAIMS, rpps: '10009999999', role: 'pharmacien' }, window(-1, 600), {
        id,
        issuer: 'CN=evil',
      });

    it('refuses a second assertion next to the signed one', () => {
      const xml = envelope(evil('_evil') + signed);
      expect(rejection(xml)).toBe('wrapping');
    });

    it('refuses an evil assertion wearing the signed one ID, with the signature moved beside it', () => {
      const id = /ID="([^"]+)"/.exec(signed)![1];
      const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
      expect(rejection(envelope(evil(id) + signature))).toBe('wrapping');
    });

    it('refuses the signature moved into an evil assertion wearing the signed ID', () => {
      const id = /ID="([^"]+)"/.exec(signed)![1];
      const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)![0];
      const forged = evil(id).replace('</saml:Issuer>', `</saml:Issuer>${signature}`);
      expect(rejection(envelope(forged))).toBe('tampered');
    });

    it('refuses a duplicated ID elsewhere in the message', () => {
      const id = /ID="([^"]+)"/.exec(signed)![1];
      const xml = envelope(signed).replace('<soap:Body>', `<soap:Body ID="${id}">`);
      expect(rejection(xml)).toBe('wrapping');
    });

    it('refuses an assertion outside soap:Header/wsse:Security', () => {
      const xml = buildRequestEnvelope('consulterPrescription', BODY, '').replace(
        '<soap:Body>',
        `<soap:Body>${signed}`,
      );
      expect(rejection(xml)).toBe('wrapping');
    });
  });

  it('reuses verified signatures from the cache but re-checks the window every time', () => {
    const cache = new VerifiedAssertionCache();
    const xml = envelope(signed);
    expect(verifyAssertion(xml, pki.ca.certPem, NOW, { cache }).ok).toBe(true);
    expect(verifyAssertion(xml, pki.ca.certPem, NOW, { cache }).ok).toBe(true);
    const later = verifyAssertion(xml, pki.ca.certPem, new Date(NOW.getTime() + 11 * MINUTE), { cache });
    expect(later).toMatchObject({ ok: false, reason: 'expired' });
    expect(
      verifyAssertion(xml, createTestCa({ now: NOW }).certPem, NOW, { cache: new VerifiedAssertionCache() }),
    ).toMatchObject({
      ok: false,
      reason: 'untrusted',
    });
  });
});
