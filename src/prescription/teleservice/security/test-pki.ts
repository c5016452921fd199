import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * The test PKI of the sandbox and the tests: a CA, a pharmacist "card", a non-pharmacist card, the test
 * pharmacy's structure certificate and a TLS server certificate for 127.0.0.1/localhost, as PEM files in
 * one directory, generated when missing. Card certificates carry the national identifier in CN (`8` + RPPS,
 * as IGC-Santé does) and the profession in `title`; the structure certificate has CN = `3` + FINESS and
 * `title=structure`. Never use these keys outside tests and the sandbox.
 */

export interface PemPair {
  certPem: string;
  keyPem: string;
}

export interface CardCredentials extends PemPair {
  rpps: string;
  profession: string;
}

export interface TestPki {
  dir?: string;
  ca: PemPair;
  pharmacistCard: CardCredentials;
  nonPharmacistCard: CardCredentials;
  /** The test pharmacy's structure certificate (its "cachet"), for unattended resends. */
  structure: StructureCredentials;
  server: PemPair;
}

export interface StructureCredentials extends PemPair {
  finess: string;
  /** `3` + FINESS: the subject of the assertions it signs. */
  structureId: string;
}

/** The sandbox's test pharmacy (config/sandbox.yaml, config/test.yaml). */
export const TEST_STRUCTURE = { finess: '990000011', name: 'Pharmacie du Bac a Sable' };

export interface CardSubject {
  rpps: string;
  profession: 'pharmacien' | 'medecin' | 'infirmier' | string;
  lastName: string;
  firstName: string;
  organisation?: string;
  notBefore?: Date;
  notAfter?: Date;
}

export const TEST_PHARMACIST: CardSubject = {
  rpps: '10001234567',
  profession: 'pharmacien',
  lastName: 'TEST',
  firstName: 'PHARMACIEN',
  organisation: 'Pharmacie du Bac a Sable',
};
export const TEST_NON_PHARMACIST: CardSubject = {
  rpps: '10009876543',
  profession: 'medecin',
  lastName: 'TEST',
  firstName: 'MEDECIN',
  organisation: 'Cabinet de Test',
};

export const PKI_FILES = {
  caCert: 'ca.cert.pem',
  caKey: 'ca.key.pem',
  pharmacistCert: 'pharmacist-card.cert.pem',
  pharmacistKey: 'pharmacist-card.key.pem',
  nonPharmacistCert: 'non-pharmacist-card.cert.pem',
  nonPharmacistKey: 'non-pharmacist-card.key.pem',
  structureCert: 'structure.cert.pem',
  structureKey: 'structure.key.pem',
  serverCert: 'server.cert.pem',
  serverKey: 'server.key.pem',
} as const;

const DAY = 86_400_000;

function newCertificate(
  publicKey: forge.pki.PublicKey,
  notBefore: Date,
  notAfter: Date,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // Positive serial: a leading 0x01 byte keeps the DER integer from reading as negative.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  return cert;
}

function toPair(cert: forge.pki.Certificate, key: forge.pki.PrivateKey): PemPair {
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(key) };
}

export function createTestCa(options: { commonName?: string; now?: Date } = {}): PemPair {
  const now = options.now ?? new Date();
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = newCertificate(
    keys.publicKey,
    new Date(now.getTime() - DAY),
    new Date(now.getTime() + 3650 * DAY),
  );
  const subject = [
    { name: 'countryName', value: 'FR' },
    { name: 'organizationName', value: 'Comptoir Test PKI' },
    { name: 'commonName', value: options.commonName ?? 'Comptoir Test CA' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return toPair(cert, keys.privateKey);
}

function issue(
  ca: PemPair,
  subject: forge.pki.CertificateField[],
  extensions: object[],
  notBefore: Date,
  notAfter: Date,
): PemPair {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = newCertificate(keys.publicKey, notBefore, notAfter);
  cert.setSubject(subject);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, ...extensions]);
  cert.sign(caKey, forge.md.sha256.create());
  return toPair(cert, keys.privateKey);
}

export function issueCardCertificate(ca: PemPair, card: CardSubject, now = new Date()): CardCredentials {
  const pair = issue(
    ca,
    [
      { name: 'countryName', value: 'FR' },
      { name: 'organizationName', value: card.organisation ?? 'Comptoir Test' },
      { name: 'commonName', value: `8${card.rpps}` },
      { name: 'surname', value: card.lastName },
      { name: 'givenName', value: card.firstName },
      { name: 'title', value: card.profession },
    ],
    [
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
    card.notBefore ?? new Date(now.getTime() - DAY),
    card.notAfter ?? new Date(now.getTime() + 3 * 365 * DAY),
  );
  return { ...pair, rpps: card.rpps, profession: card.profession };
}

export function issueStructureCertificate(
  ca: PemPair,
  structure: { finess: string; name: string },
  now = new Date(),
): StructureCredentials {
  const structureId = `3${structure.finess}`;
  const pair = issue(
    ca,
    [
      { name: 'countryName', value: 'FR' },
      { name: 'organizationName', value: structure.name },
      { name: 'commonName', value: structureId },
      { name: 'title', value: 'structure' },
    ],
    [
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
    new Date(now.getTime() - DAY),
    new Date(now.getTime() + 3 * 365 * DAY),
  );
  return { ...pair, finess: structure.finess, structureId };
}

export function issueServerCertificate(ca: PemPair, now = new Date()): PemPair {
  return issue(
    ca,
    [{ name: 'commonName', value: 'localhost' }],
    [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
    new Date(now.getTime() - DAY),
    new Date(now.getTime() + 3 * 365 * DAY),
  );
}

/** A whole PKI in memory (tests that need a second, untrusted CA). */
export function generateTestPki(now = new Date()): TestPki {
  const ca = createTestCa({ now });
  return {
    ca,
    pharmacistCard: issueCardCertificate(ca, TEST_PHARMACIST, now),
    nonPharmacistCard: issueCardCertificate(ca, TEST_NON_PHARMACIST, now),
    structure: issueStructureCertificate(ca, TEST_STRUCTURE, now),
    server: issueServerCertificate(ca, now),
  };
}

function writeAtomic(path: string, content: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path);
}

function loadPair(dir: string, certFile: string, keyFile: string): PemPair | undefined {
  const certPath = join(dir, certFile);
  const keyPath = join(dir, keyFile);
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  return { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
}

function savePair(dir: string, certFile: string, keyFile: string, pair: PemPair): void {
  writeAtomic(join(dir, keyFile), pair.keyPem, 0o600);
  writeAtomic(join(dir, certFile), pair.certPem, 0o600); // the data directory is private, all of it
}

/** Loads the PKI from `dir`, generating what is missing (everything when the CA is missing). */
export function loadOrCreateTestPki(dir: string, now = new Date()): TestPki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = PKI_FILES;
  let ca = loadPair(dir, f.caCert, f.caKey);
  const fresh = !ca;
  if (!ca) {
    ca = createTestCa({ now });
    savePair(dir, f.caCert, f.caKey, ca);
  }
  const caPair = ca;
  const ensure = (certFile: string, keyFile: string, make: () => PemPair): PemPair => {
    const existing = fresh ? undefined : loadPair(dir, certFile, keyFile);
    if (existing) return existing;
    const made = make();
    savePair(dir, certFile, keyFile, made);
    return made;
  };
  const pharmacist = ensure(f.pharmacistCert, f.pharmacistKey, () =>
    issueCardCertificate(caPair, TEST_PHARMACIST, now),
  );
  const other = ensure(f.nonPharmacistCert, f.nonPharmacistKey, () =>
    issueCardCertificate(caPair, TEST_NON_PHARMACIST, now),
  );
  const structure = ensure(f.structureCert, f.structureKey, () =>
    issueStructureCertificate(caPair, TEST_STRUCTURE, now),
  );
  const server = ensure(f.serverCert, f.serverKey, () => issueServerCertificate(caPair, now));
  return {
    dir,
    ca: caPair,
    pharmacistCard: { ...pharmacist, rpps: TEST_PHARMACIST.rpps, profession: TEST_PHARMACIST.profession },
    nonPharmacistCard: {
      ...other,
      rpps: TEST_NON_PHARMACIST.rpps,
      profession: TEST_NON_PHARMACIST.profession,
    },
    structure: { ...structure, finess: TEST_STRUCTURE.finess, structureId: `3${TEST_STRUCTURE.finess}` },
    server,
  };
}
