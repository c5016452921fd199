import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateTestPki, PKI_FILES } from './test-pki';
import { cardIdentityOf } from '../../../teleservice-sandbox/verify-assertion';

describe('test PKI', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pki-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the CA, both cards and the TLS server certificate as PEM files', () => {
    const pki = loadOrCreateTestPki(dir);
    expect(readdirSync(dir).sort()).toEqual(Object.values(PKI_FILES).sort());
    expect(statSync(join(dir, PKI_FILES.caKey)).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(pki.ca.certPem);
    const card = new X509Certificate(pki.pharmacistCard.certPem);
    expect(ca.ca).toBe(true);
    expect(card.checkIssued(ca) && card.verify(ca.publicKey)).toBe(true);
    expect(cardIdentityOf(card)).toEqual({ rpps: '10001234567', profession: 'pharmacien' });
    expect(cardIdentityOf(new X509Certificate(pki.nonPharmacistCard.certPem)).profession).toBe('medecin');
    const server = new X509Certificate(pki.server.certPem);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
  });

  it('loads the same files on the next start and regenerates only what is missing', () => {
    const first = loadOrCreateTestPki(dir);
    unlinkSync(join(dir, PKI_FILES.serverCert));
    const second = loadOrCreateTestPki(dir);
    expect(second.ca).toEqual(first.ca);
    expect(second.pharmacistCard).toEqual(first.pharmacistCard);
    expect(second.server.certPem).not.toBe(first.server.certPem);
    expect(
      new X509Certificate(second.server.certPem).checkIssued(new X509Certificate(first.ca.certPem)),
    ).toBe(true);
  });
});
