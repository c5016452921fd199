import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import type * as Pkcs11js from 'pkcs11js';
import { buildAssertionXml } from './assertion';
import { SignerError } from './signer-error';
import { AssertionClaims, AssertionWindow, SignerPort } from './signer.port';
import { issuerOf, signEnvelopedWith } from './xml-signature';

/** The part of pkcs11js (a PKCS#11 module once loaded) the signer uses; tests give a fake one. */
export type Pkcs11Module = Pick<
  Pkcs11js.PKCS11,
  | 'C_Initialize'
  | 'C_Finalize'
  | 'C_GetSlotList'
  | 'C_GetTokenInfo'
  | 'C_OpenSession'
  | 'C_CloseSession'
  | 'C_Login'
  | 'C_FindObjectsInit'
  | 'C_FindObjects'
  | 'C_FindObjectsFinal'
  | 'C_GetAttributeValue'
  | 'C_SignInit'
  | 'C_SignAsync'
>;

/** pkcs11js's constants the signer needs (the same numbers as the PKCS#11 headers). */
export const P11 = {
  CKF_SERIAL_SESSION: 0x4,
  CKF_USER_PIN_LOCKED: 0x40000,
  CKU_USER: 1,
  CKA_CLASS: 0x0,
  CKA_LABEL: 0x3,
  CKA_VALUE: 0x11,
  CKA_ID: 0x102,
  CKO_CERTIFICATE: 0x1,
  CKO_PRIVATE_KEY: 0x3,
  CKM_SHA256_RSA_PKCS: 0x40,
  CKR_DEVICE_REMOVED: 0x32,
  CKR_PIN_INCORRECT: 0xa0,
  CKR_PIN_LOCKED: 0xa4,
  CKR_SESSION_CLOSED: 0xb0,
  CKR_SESSION_HANDLE_INVALID: 0xb3,
  CKR_TOKEN_NOT_PRESENT: 0xe0,
  CKR_TOKEN_NOT_RECOGNIZED: 0xe1,
  CKR_USER_ALREADY_LOGGED_IN: 0x100,
  CKR_USER_NOT_LOGGED_IN: 0x101,
  CKR_KEY_HANDLE_INVALID: 0x60,
  CKR_OBJECT_HANDLE_INVALID: 0x82,
  CKR_DEVICE_ERROR: 0x30,
  CKR_GENERAL_ERROR: 0x5,
  CKR_CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

const TOKEN_GONE: ReadonlySet<number> = new Set([
  P11.CKR_DEVICE_REMOVED,
  P11.CKR_SESSION_CLOSED,
  P11.CKR_SESSION_HANDLE_INVALID,
  P11.CKR_TOKEN_NOT_PRESENT,
  P11.CKR_TOKEN_NOT_RECOGNIZED,
  P11.CKR_DEVICE_ERROR,
  P11.CKR_KEY_HANDLE_INVALID,
  P11.CKR_OBJECT_HANDLE_INVALID,
  P11.CKR_USER_NOT_LOGGED_IN,
  // SoftHSM2 answers this for a token deleted under an open module: as a card pulled out.
  P11.CKR_GENERAL_ERROR,
]);

/**
 * Loads pkcs11js, an optional dependency (a compiled addon), only when `signer: pkcs11` is configured.
 * Its absence is a clear error at startup, not a crash at the first signature.
 */
export function loadPkcs11js(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  load: () => unknown = () => require('pkcs11js'),
): typeof Pkcs11js {
  try {
    return load() as typeof Pkcs11js;
  } catch (cause) {
    throw new SignerError(
      'module-unavailable',
      'signer "pkcs11" needs the optional npm package pkcs11js, which is not installed or did not build ' +
        '(npm install pkcs11js; it compiles with g++ and python3)',
      { cause },
    );
  }
}

/** Loads the PKCS#11 module file (the CPS middleware's, an HSM's, SoftHSM2's) through pkcs11js. */
export function openPkcs11Module(modulePath: string, pkcs11js = loadPkcs11js()): Pkcs11Module {
  const module = new pkcs11js.PKCS11();
  try {
    module.load(modulePath);
  } catch (cause) {
    throw new SignerError('module-unavailable', `cannot load the PKCS#11 module ${modulePath}`, { cause });
  }
  return module;
}

export interface Pkcs11SignerOptions {
  module: Pkcs11Module;
  tokenLabel: string;
  keyLabel: string;
  /** Reads the PIN now (environment or secret file, never the YAML); re-read at every login. */
  pin: () => string | undefined;
}

interface Session {
  handle: Buffer;
  key: Buffer;
  certPem: string;
  issuer: string;
  /** The card holder's RPPS (CN = `8` + RPPS), when the certificate is a professional card's. */
  rpps?: string;
}

/**
 * Signs the assertion with a key that never leaves its token: the pharmacist's CPS through the card
 * middleware's PKCS#11 module, or the pharmacy's structure certificate in an HSM. The token, the key and
 * its certificate (same CKA_ID, else same label) are found by label; one logged-in session is kept and
 * opened again after the token went away. Every failure is a typed `SignerError`. A PIN the token refused
 * is not presented again (a card locks after a few wrong PINs): signing fails at once with
 * `pin-incorrect` until the PIN read from its source changes. With role `pharmacien` the subject is the
 * holder of the card (its RPPS from the certificate), as the teleservice requires.
 */
export class Pkcs11Signer extends SignerPort {
  private initialized = false;
  private session?: Session;
  private refusedPin?: string;

  constructor(private readonly options: Pkcs11SignerOptions) {
    super();
  }

  async signAssertion(claims: AssertionClaims, window: AssertionWindow): Promise<string> {
    const session = this.open();
    const id = `_${randomUUID()}`;
    // A pharmacist signs as the holder of the card in the reader, whoever the configuration names.
    const subject = claims.role === 'pharmacien' && session.rpps ? { ...claims, rpps: session.rpps } : claims;
    const xml = buildAssertionXml(subject, window, { id, issuer: session.issuer });
    try {
      return await signEnvelopedWith(xml, id, session.certPem, async (data) => {
        this.options.module.C_SignInit(session.handle, { mechanism: P11.CKM_SHA256_RSA_PKCS }, session.key);
        return this.options.module.C_SignAsync(session.handle, data, Buffer.alloc(1024));
      });
    } catch (error) {
      throw this.failure(error, 'signing-failed', 'the token did not sign');
    }
  }

  /** Logs out and releases the module (at shutdown). */
  close(): void {
    this.drop();
    if (this.initialized) {
      try {
        this.options.module.C_Finalize();
      } catch {
        // already finalized
      }
      this.initialized = false;
    }
  }

  private open(): Session {
    if (this.session) return this.session;
    const m = this.options.module;
    try {
      if (!this.initialized) {
        try {
          m.C_Initialize();
        } catch (error) {
          // Another signer (card and structure on one module) initialized it already.
          if (codeOf(error) !== P11.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw error;
        }
        this.initialized = true;
      }
      const slot = m
        .C_GetSlotList(true)
        .find((s) => m.C_GetTokenInfo(s).label.trim() === this.options.tokenLabel);
      if (!slot) {
        throw new SignerError('token-absent', `no token labelled "${this.options.tokenLabel}" is present`);
      }
      if (m.C_GetTokenInfo(slot).flags & P11.CKF_USER_PIN_LOCKED) {
        throw new SignerError('pin-locked', `the PIN of token "${this.options.tokenLabel}" is locked`);
      }
      const handle = m.C_OpenSession(slot, P11.CKF_SERIAL_SESSION);
      try {
        this.login(handle);
        this.session = { handle, ...this.findKey(handle) };
        return this.session;
      } catch (error) {
        try {
          m.C_CloseSession(handle);
        } catch {
          // the token is gone already
        }
        throw error;
      }
    } catch (error) {
      throw this.failure(error, 'token-absent', 'the token cannot be used');
    }
  }

  private login(handle: Buffer): void {
    const pin = this.options.pin();
    if (!pin)
      throw new SignerError('no-pin', 'no PIN given for the signing token (environment or secret file)');
    const fingerprint = createHash('sha256').update(pin).digest('hex');
    if (fingerprint === this.refusedPin) {
      throw new SignerError('pin-incorrect', 'the token refused this PIN before; it is not presented again');
    }
    try {
      this.options.module.C_Login(handle, P11.CKU_USER, pin);
    } catch (error) {
      const code = codeOf(error);
      if (code === P11.CKR_USER_ALREADY_LOGGED_IN) return;
      if (code === P11.CKR_PIN_INCORRECT) {
        this.refusedPin = fingerprint;
        throw new SignerError('pin-incorrect', 'the token refused the PIN', { cause: error });
      }
      if (code === P11.CKR_PIN_LOCKED) {
        throw new SignerError('pin-locked', 'the PIN of the token is locked', { cause: error });
      }
      throw error;
    }
    this.refusedPin = undefined;
  }

  private findKey(handle: Buffer): Omit<Session, 'handle'> {
    const key = this.findOne(handle, [
      { type: P11.CKA_CLASS, value: P11.CKO_PRIVATE_KEY },
      { type: P11.CKA_LABEL, value: this.options.keyLabel },
    ]);
    if (!key) throw new SignerError('key-not-found', `no private key labelled "${this.options.keyLabel}"`);
    const [{ value: keyId }] = this.options.module.C_GetAttributeValue(handle, key, [{ type: P11.CKA_ID }]);
    const cert =
      (keyId && (keyId as Buffer).length > 0
        ? this.findOne(handle, [
            { type: P11.CKA_CLASS, value: P11.CKO_CERTIFICATE },
            { type: P11.CKA_ID, value: keyId as Buffer },
          ])
        : undefined) ??
      this.findOne(handle, [
        { type: P11.CKA_CLASS, value: P11.CKO_CERTIFICATE },
        { type: P11.CKA_LABEL, value: this.options.keyLabel },
      ]);
    if (!cert)
      throw new SignerError('key-not-found', `no certificate beside the key "${this.options.keyLabel}"`);
    const [{ value: der }] = this.options.module.C_GetAttributeValue(handle, cert, [{ type: P11.CKA_VALUE }]);
    const x509 = new X509Certificate(der as Buffer);
    const rpps = /(?:^|\n)CN=8(\d{11})(?:\n|$)/.exec(x509.subject)?.[1];
    return { key, certPem: x509.toString(), issuer: issuerOf(x509.subject), rpps };
  }

  private findOne(handle: Buffer, template: Pkcs11js.Template): Buffer | undefined {
    const m = this.options.module;
    m.C_FindObjectsInit(handle, template);
    try {
      return m.C_FindObjects(handle, 1)[0];
    } finally {
      m.C_FindObjectsFinal(handle);
    }
  }

  /**
   * A typed failure. When the token is absent or went away, the module is released too: middlewares (and
   * SoftHSM2) read their slots at initialisation, so the next call starts afresh and sees a token put back.
   */
  private failure(error: unknown, fallback: SignerError['failure'], message: string): SignerError {
    const code = codeOf(error);
    const typed =
      error instanceof SignerError
        ? error
        : code !== undefined && TOKEN_GONE.has(code)
          ? new SignerError('token-absent', `the token went away (${(error as Error).message})`, {
              cause: error,
            })
          : new SignerError(fallback, `${message}: ${(error as Error)?.message ?? String(error)}`, {
              cause: error,
            });
    if (typed.failure === 'token-absent') this.close();
    else this.drop();
    return typed;
  }

  private drop(): void {
    this.session = undefined;
  }
}

function codeOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}
