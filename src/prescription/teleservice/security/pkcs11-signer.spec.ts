import { createSign, X509Certificate } from 'node:crypto';
import type * as Pkcs11js from 'pkcs11js';
import { verifyAssertion } from '../../../teleservice-sandbox/verify-assertion';
import { CardMiddlewareSigner } from './external-signer.example';
import { loadPkcs11js, openPkcs11Module, P11, Pkcs11Module, Pkcs11Signer } from './pkcs11-signer';
import { SignerError } from './signer-error';
import type { AssertionClaims, AssertionWindow } from './signer.port';
import { generateTestPki, TEST_PHARMACIST } from './test-pki';

/**
 * A PKCS#11 module in memory: tokens that can be pulled out and put back, a PIN that can be refused or
 * locked (SoftHSM2 never locks one), and a count of the logins tried. The hardware tier runs the same
 * signer against SoftHSM2 (test/hardware/pkcs11-signer.hw-spec.ts).
 */
class FakeToken {
  present = true;
  pinLocked = false;
  lockOnLogin = false;
  constructor(
    readonly label: string,
    readonly pin: string,
    readonly keyLabel: string,
    readonly keyPem: string,
    readonly certPem: string,
  ) {}
}

const p11error = (code: number, name: string): Error => Object.assign(new Error(`${name}:${code}`), { code });

class FakeModule {
  logins = 0;
  initializations = 0;
  private initialized = false;
  private slots: FakeToken[] = [];
  private query: Pkcs11js.Template = [];

  constructor(readonly tokens: FakeToken[]) {}

  private token(handle: Buffer): FakeToken {
    const token = this.slots[handle[0]];
    if (!token?.present) throw p11error(P11.CKR_DEVICE_REMOVED, 'CKR_DEVICE_REMOVED');
    return token;
  }

  C_Initialize() {
    if (this.initialized)
      throw p11error(P11.CKR_CRYPTOKI_ALREADY_INITIALIZED, 'CKR_CRYPTOKI_ALREADY_INITIALIZED');
    this.initialized = true;
    this.initializations += 1;
    // Like most middlewares (and SoftHSM2), the slot list is read at initialisation.
    this.slots = this.tokens.filter((t) => t.present);
  }
  C_Finalize() {
    this.initialized = false;
  }
  C_GetSlotList() {
    return this.slots.map((_, i) => Buffer.from([i]));
  }
  C_GetTokenInfo(slot: Buffer) {
    const token = this.slots[slot[0]];
    if (!token.present) throw p11error(P11.CKR_GENERAL_ERROR, 'CKR_GENERAL_ERROR');
    return { label: token.label.padEnd(32), flags: token.pinLocked ? P11.CKF_USER_PIN_LOCKED : 0 };
  }
  C_OpenSession(slot: Buffer) {
    return Buffer.from(slot);
  }
  C_CloseSession() {}
  C_Login(handle: Buffer, _type: number, pin: string) {
    const token = this.token(handle);
    this.logins += 1;
    if (token.lockOnLogin) throw p11error(P11.CKR_PIN_LOCKED, 'CKR_PIN_LOCKED');
    if (pin !== token.pin) throw p11error(P11.CKR_PIN_INCORRECT, 'CKR_PIN_INCORRECT');
  }
  C_FindObjectsInit(_handle: Buffer, template: Pkcs11js.Template) {
    this.query = template;
  }
  C_FindObjects(handle: Buffer) {
    const token = this.token(handle);
    const value = (type: number) => this.query.find((a) => a.type === type)?.value;
    const wanted = value(P11.CKA_CLASS) === P11.CKO_PRIVATE_KEY ? 'key' : 'cert';
    const label = value(P11.CKA_LABEL);
    const id = value(P11.CKA_ID) as Buffer | undefined;
    const matches =
      (label === undefined || label === token.keyLabel) && (id === undefined || id.equals(Buffer.from([1])));
    return matches ? [Buffer.from(wanted)] : [];
  }
  C_FindObjectsFinal() {}
  C_GetAttributeValue(handle: Buffer, object: Buffer) {
    const token = this.token(handle);
    if (object.toString() === 'key') return [{ type: P11.CKA_ID, value: Buffer.from([1]) }];
    return [{ type: P11.CKA_VALUE, value: new X509Certificate(token.certPem).raw }];
  }
  C_SignInit(handle: Buffer) {
    this.token(handle);
  }
  async C_SignAsync(handle: Buffer, data: Buffer) {
    return createSign('RSA-SHA256').update(data).sign(this.token(handle).keyPem);
  }
}

const NOW = new Date('2026-11-22T09:00:00Z');
const WINDOW: AssertionWindow = {
  issueInstant: NOW,
  notBefore: new Date(NOW.getTime() - 30_000),
  notOnOrAfter: new Date(NOW.getTime() + 600_000),
};
const CLAIMS: AssertionClaims = {
  // Whatever the configuration says, a pharmacist signs as the holder of the card.
  rpps: '00000000000',
  role: 'pharmacien',
  pharmacy: { finess: '990000011' },
  software: { id: 'comptoir', name: 'Comptoir', version: '0.1.0' },
};

describe('Pkcs11Signer', () => {
  const pki = generateTestPki(new Date('2026-01-01T00:00:00Z'));
  let token: FakeToken;
  let module: FakeModule;
  let pin: string | undefined;
  const signer = () =>
    new Pkcs11Signer({
      module: module as unknown as Pkcs11Module,
      tokenLabel: 'CPS',
      keyLabel: 'signature',
      pin: () => pin,
    });
  const failure = async (work: Promise<unknown>): Promise<SignerError['failure']> => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignerError);
    return (error as SignerError).failure;
  };
  const verified = (xml: string) => verifyAssertion(xml, pki.ca.certPem, NOW);

  beforeEach(() => {
    token = new FakeToken('CPS', '1234', 'signature', pki.pharmacistCard.keyPem, pki.pharmacistCard.certPem);
    module = new FakeModule([token]);
    pin = '1234';
  });

  it('signs on the token an assertion the teleservice accepts, as the holder of the card', async () => {
    const s = signer();
    const result = verified(await s.signAssertion(CLAIMS, WINDOW));
    expect(result).toMatchObject({ ok: true, claims: { rpps: TEST_PHARMACIST.rpps, role: 'pharmacien' } });
    await s.signAssertion(CLAIMS, WINDOW);
    expect(module.logins).toBe(1);
  });

  it('reports an absent token, and signs once it is put in, without a restart', async () => {
    token.present = false;
    const s = signer();
    expect(await failure(s.signAssertion(CLAIMS, WINDOW))).toBe('token-absent');
    token.present = true;
    expect(verified(await s.signAssertion(CLAIMS, WINDOW)).ok).toBe(true);
  });

  it('reports a token pulled out while in use, and starts again when it is back', async () => {
    const s = signer();
    await s.signAssertion(CLAIMS, WINDOW);
    token.present = false;
    expect(await failure(s.signAssertion(CLAIMS, WINDOW))).toBe('token-absent');
    expect(await failure(s.signAssertion(CLAIMS, WINDOW))).toBe('token-absent');
    token.present = true;
    expect(verified(await s.signAssertion(CLAIMS, WINDOW)).ok).toBe(true);
    expect(module.initializations).toBeGreaterThan(1);
  });

  it('never presents a refused PIN twice (a card locks), and logs in once the PIN is corrected', async () => {
    pin = '0000';
    const s = signer();
    expect(await failure(s.signAssertion(CLAIMS, WINDOW))).toBe('pin-incorrect');
    expect(await failure(s.signAssertion(CLAIMS, WINDOW))).toBe('pin-incorrect');
    expect(module.logins).toBe(1);
    pin = '1234';
    expect(verified(await s.signAssertion(CLAIMS, WINDOW)).ok).toBe(true);
    expect(module.logins).toBe(2);
  });

  it('reports a locked PIN without trying it, and a PIN the token says is locked', async () => {
    token.pinLocked = true;
    expect(await failure(signer().signAssertion(CLAIMS, WINDOW))).toBe('pin-locked');
    expect(module.logins).toBe(0);
    token.pinLocked = false;
    token.lockOnLogin = true;
    expect(await failure(signer().signAssertion(CLAIMS, WINDOW))).toBe('pin-locked');
  });

  it('reports a missing key or certificate, and a missing PIN', async () => {
    const wrongLabel = new Pkcs11Signer({
      module: module as unknown as Pkcs11Module,
      tokenLabel: 'CPS',
      keyLabel: 'other',
      pin: () => pin,
    });
    expect(await failure(wrongLabel.signAssertion(CLAIMS, WINDOW))).toBe('key-not-found');
    pin = undefined;
    expect(await failure(signer().signAssertion(CLAIMS, WINDOW))).toBe('no-pin');
  });

  it('says clearly when pkcs11js or the module file cannot be loaded', () => {
    const missing = () => {
      throw new Error("Cannot find module 'pkcs11js'");
    };
    expect(() => loadPkcs11js(missing)).toThrow(/optional npm package pkcs11js/);
    const broken = {
      PKCS11: class {
        load(): void {
          throw new Error('cannot open shared object file');
        }
      },
    } as unknown as typeof Pkcs11js;
    const error = (() => {
      try {
        openPkcs11Module('/nowhere/libcps.so', broken);
      } catch (e) {
        return e as SignerError;
      }
    })();
    expect([error?.failure, error?.message]).toEqual([
      'module-unavailable',
      'cannot load the PKCS#11 module /nowhere/libcps.so',
    ]);
  });

  it("signs through the external port's example adapter (only the RSA operation in the middleware)", async () => {
    const middleware = {
      certificatePem: async () => pki.pharmacistCard.certPem,
      signSha256Rsa: async (data: Buffer) =>
        createSign('RSA-SHA256').update(data).sign(pki.pharmacistCard.keyPem),
    };
    const xml = await new CardMiddlewareSigner(middleware).signAssertion(
      { ...CLAIMS, rpps: TEST_PHARMACIST.rpps },
      WINDOW,
    );
    expect(verified(xml)).toMatchObject({ ok: true, signerRpps: TEST_PHARMACIST.rpps });
  });
});
