import { join } from 'node:path';
import request from 'supertest';
import { openPkcs11Module, Pkcs11Signer } from '../../src/prescription/teleservice/security/pkcs11-signer';
import { SignerError } from '../../src/prescription/teleservice/security/signer-error';
import {
  generateTestPki,
  loadOrCreateTestPki,
  TEST_PHARMACIST,
} from '../../src/prescription/teleservice/security/test-pki';
import { TeleservicePort } from '../../src/prescription/teleservice/teleservice.port';
import { verifyAssertion } from '../../src/teleservice-sandbox/verify-assertion';
import { dispenseAndValidate } from '../support/dispense-flow';
import { SandboxedApp, startSandboxedApp } from '../support/sandbox-app';
import { SoftHsm, SOFTHSM_MODULE } from '../support/softhsm';
import { TOKENS } from '../support/test-app';
import { until } from '../support/until';

jest.setTimeout(60_000);

/** `signer: pkcs11` against Debian's SoftHSM2 holding keys and certificates of the test PKI. */
describe('PKCS#11 signer on SoftHSM2', () => {
  const NOW = new Date();
  const window = {
    issueInstant: NOW,
    notBefore: new Date(NOW.getTime() - 30_000),
    notOnOrAfter: new Date(NOW.getTime() + 600_000),
  };
  const claims = {
    rpps: '00000000000',
    role: 'pharmacien',
    pharmacy: { finess: '990000011' },
    software: { id: 'comptoir', name: 'Comptoir', version: '0.1.0' },
  };

  describe('the signer alone', () => {
    let hsm: SoftHsm;
    const pki = generateTestPki();

    beforeAll(() => {
      hsm = new SoftHsm();
      hsm.addToken('CPS', '123456', 'signature', pki.pharmacistCard);
    });

    it('signs on the token an assertion the sandbox verifies, as the card holder', async () => {
      const signer = new Pkcs11Signer({
        module: openPkcs11Module(SOFTHSM_MODULE),
        tokenLabel: 'CPS',
        keyLabel: 'signature',
        pin: () => '123456',
      });
      try {
        const xml = await signer.signAssertion(claims, window);
        expect(verifyAssertion(xml, pki.ca.certPem, NOW)).toMatchObject({
          ok: true,
          claims: { rpps: TEST_PHARMACIST.rpps, role: 'pharmacien' },
        });
      } finally {
        signer.close();
      }
    });

    it.each([
      ['a wrong PIN', { tokenLabel: 'CPS', keyLabel: 'signature', pin: '000000' }, 'pin-incorrect'],
      ['an absent token', { tokenLabel: 'NOPE', keyLabel: 'signature', pin: '123456' }, 'token-absent'],
      ['an unknown key', { tokenLabel: 'CPS', keyLabel: 'other', pin: '123456' }, 'key-not-found'],
    ])('gives a typed error for %s', async (_label, o, failure) => {
      const signer = new Pkcs11Signer({ module: openPkcs11Module(SOFTHSM_MODULE), ...o, pin: () => o.pin });
      try {
        const error = await signer.signAssertion(claims, window).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SignerError);
        expect((error as SignerError).failure).toBe(failure);
      } finally {
        signer.close();
      }
    });

    it('reports a token taken out while in use, and signs again once one is put back', async () => {
      hsm.addToken('GONE', '123456', 'signature', pki.pharmacistCard);
      const signer = new Pkcs11Signer({
        module: openPkcs11Module(SOFTHSM_MODULE),
        tokenLabel: 'GONE',
        keyLabel: 'signature',
        pin: () => '123456',
      });
      try {
        await signer.signAssertion(claims, window);
        hsm.removeToken('GONE');
        const error = await signer.signAssertion(claims, window).catch((e: unknown) => e);
        expect((error as SignerError).failure).toBe('token-absent');
        hsm.addToken('GONE', '123456', 'signature', pki.pharmacistCard);
        expect(verifyAssertion(await signer.signAssertion(claims, window), pki.ca.certPem, NOW).ok).toBe(
          true,
        );
      } finally {
        signer.close();
      }
    });
  });

  describe('Comptoir with signer: pkcs11 against the sandbox', () => {
    let hsm: SoftHsm;
    let t: SandboxedApp;
    const auth = { Authorization: `Bearer ${TOKENS.backoffice}` };

    beforeAll(async () => {
      hsm = new SoftHsm();
      process.env.COMPTOIR_TEST_CARD_PIN = '123456';
      process.env.COMPTOIR_TEST_STRUCTURE_PIN = '999999';
      t = await startSandboxedApp({
        overrides: {
          teleservice: {
            signer: 'pkcs11',
            pkcs11: {
              module: SOFTHSM_MODULE,
              tokenLabel: 'CPS',
              keyLabel: 'signature',
              pinEnv: 'COMPTOIR_TEST_CARD_PIN',
              structure: { tokenLabel: 'HSM', keyLabel: 'cachet', pinEnv: 'COMPTOIR_TEST_STRUCTURE_PIN' },
            },
          },
          execution: { pollMs: 20, backoffMs: { min: 10, max: 200 } },
        },
      });
      // The sandbox trusts the PKI of the app's data directory: put its card in the "reader".
      const pki = loadOrCreateTestPki(join(t.dataDir, 'pki'));
      hsm.addToken('CPS', '123456', 'signature', pki.pharmacistCard);
      (t as SandboxedApp & { pki?: typeof pki }).pki = pki;
    });
    afterAll(async () => {
      await t?.close();
      hsm?.dispose();
    });

    const execution = async (id: string) =>
      (await request(t.url).get(`/api/v1/executions/${id}`).set(auth).expect(200)).body as {
        status: string;
        lastError?: string;
      };

    it('retrieves with the card; the outbox waits for the structure certificate, retrying, and loses nothing', async () => {
      const pki = (t as SandboxedApp & { pki: ReturnType<typeof loadOrCreateTestPki> }).pki;
      const consulted = await t.app.get(TeleservicePort).search({ prescriberRpps: '99900038441' });
      expect(consulted).toEqual([]);
      const d = await dispenseAndValidate(t);
      // No structure token yet: the execution stays queued, retried, with the reason.
      await until(async () => /SIGNER_TOKEN_ABSENT/.test((await execution(d.executionId)).lastError ?? ''));
      expect((await execution(d.executionId)).status).not.toBe('parked');
      // The HSM comes, but the PIN in the environment is wrong: still waiting, the PIN is not hammered.
      hsm.addToken('HSM', '424242', 'cachet', pki.structure);
      await until(async () => /SIGNER_PIN_INCORRECT/.test((await execution(d.executionId)).lastError ?? ''));
      // The PIN is corrected: delivered, signed by the structure certificate.
      process.env.COMPTOIR_TEST_STRUCTURE_PIN = '424242';
      await until(async () => (await execution(d.executionId)).status === 'acknowledged', 20_000);
      const ledger = (
        await request(t.sandbox.url).get(`/sandbox/prescriptions/${d.prescriptionId}`).expect(200)
      ).body.ledger as Array<{ accepted: boolean; error?: string }>;
      expect(ledger.map((e) => [e.accepted, e.error ?? null])).toEqual([[true, null]]);
    });
  });
});
