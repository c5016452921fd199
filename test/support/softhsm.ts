import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import type { PemPair } from '../../src/prescription/teleservice/security/test-pki';

/** Debian's softhsm2 (the test command installs it: scripts/hw-prereqs.sh). */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/**
 * An empty SoftHSM2 token store where SOFTHSM2_CONF points (jest.config.js sets it for the whole run:
 * SoftHSM2 reads it from the real environment), filled with keys of the test PKI and their certificates,
 * as a CPS or an HSM holds them.
 */
export class SoftHsm {
  readonly conf: string;
  private readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor() {
    const conf = process.env.SOFTHSM2_CONF;
    if (!conf) throw new Error('SOFTHSM2_CONF is not set (jest.config.js sets it)');
    this.conf = conf;
    this.dir = dirname(conf);
    rmSync(join(this.dir, 'tokens'), { recursive: true, force: true });
    mkdirSync(join(this.dir, 'tokens'), { recursive: true, mode: 0o700 });
    const tokens = join(this.dir, 'tokens');
    writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    this.env = { ...process.env, SOFTHSM2_CONF: conf };
  }

  /** Removes the store (every module using it finalized). */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A token `label` (user PIN `pin`) holding `pair`'s key and certificate under `keyLabel`, CKA_ID 01. */
  addToken(label: string, pin: string, keyLabel: string, pair: PemPair): void {
    const util = (...args: string[]) => execFileSync('softhsm2-util', args, { env: this.env, stdio: 'pipe' });
    util('--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '87654321');
    const keyFile = join(this.dir, `${label}.key.p8`);
    writeFileSync(keyFile, createPrivateKey(pair.keyPem).export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    util('--import', keyFile, '--token', label, '--label', keyLabel, '--id', '01', '--pin', pin);
    rmSync(keyFile);
    // softhsm2-util imports keys only: the certificate goes in through PKCS#11, in a process of its own
    // (this one may hold the module initialised).
    const der = new X509Certificate(pair.certPem).raw.toString('base64');
    const cert = forge.pki.certificateFromPem(pair.certPem);
    const subject = Buffer.from(
      forge.asn1.toDer(forge.pki.distinguishedNameToAsn1(cert.subject)).getBytes(),
      'binary',
    ).toString('base64');
    const script = `
      const p = require('pkcs11js');
      const m = new p.PKCS11(); m.load(${JSON.stringify(SOFTHSM_MODULE)}); m.C_Initialize();
      const slot = m.C_GetSlotList(true).find((s) => m.C_GetTokenInfo(s).label.trim() === ${JSON.stringify(label)});
      const s = m.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
      m.C_Login(s, p.CKU_USER, ${JSON.stringify(pin)});
      m.C_CreateObject(s, [
        { type: p.CKA_CLASS, value: p.CKO_CERTIFICATE }, { type: p.CKA_CERTIFICATE_TYPE, value: p.CKC_X_509 },
        { type: p.CKA_TOKEN, value: true }, { type: p.CKA_LABEL, value: ${JSON.stringify(keyLabel)} },
        { type: p.CKA_ID, value: Buffer.from([1]) },
        { type: p.CKA_SUBJECT, value: Buffer.from(${JSON.stringify(subject)}, 'base64') },
        { type: p.CKA_VALUE, value: Buffer.from(${JSON.stringify(der)}, 'base64') },
      ]);
      m.C_Logout(s); m.C_Finalize();`;
    execFileSync(process.execPath, ['-e', script], {
      env: this.env,
      stdio: 'pipe',
      cwd: join(__dirname, '../..'),
    });
  }

  /** Takes the token out, as a card pulled from its reader. */
  removeToken(label: string): void {
    execFileSync('softhsm2-util', ['--delete-token', '--token', label], { env: this.env, stdio: 'pipe' });
  }
}
