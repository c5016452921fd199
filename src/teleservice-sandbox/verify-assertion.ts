import { createHash, X509Certificate } from 'node:crypto';
import { XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { AssertionClaims, AssertionWindow } from '../prescription/teleservice/security/signer.port';
import { DSIG_NS, readAssertion, SAML_NS } from './assertion-reader';
import { parseXml, SOAP_ENV_NS, WSSE_NS } from './wire/envelope';

/** The only algorithms accepted (the client's signer uses the same URIs, written down on its side). */
export const ALGORITHMS = {
  signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  canonicalization: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
} as const;

/** The longest validity window accepted, NotBefore to NotOnOrAfter, as the national service caps it. */
export const MAX_ASSERTION_LIFETIME_MS = 60 * 60_000;

export type RejectionReason =
  | 'missing'
  | 'unsigned'
  | 'wrapping'
  | 'unsupported-algorithm'
  | 'untrusted'
  | 'tampered'
  | 'invalid-assertion'
  | 'expired'
  | 'not-yet-valid'
  | 'lifetime-too-long'
  | 'not-a-pharmacist-card'
  | 'role-not-allowed'
  | 'identity-mismatch';

export type AssertionVerification =
  | { ok: true; assertionId: string; claims: AssertionClaims; window: AssertionWindow; signerRpps: string }
  | { ok: false; code: 'NOT_AUTHORISED'; reason: RejectionReason; message: string };

export interface VerifyOptions {
  /** Role codes the service accepts from a card (default pharmacien, preparateur). */
  allowedRoles?: readonly string[];
  /** Professions whose card may sign (default pharmacien). */
  signerProfessions?: readonly string[];
  /** Clock tolerance on the window and certificate dates (default 30 s). */
  skewMs?: number;
}

const reject = (reason: RejectionReason, message: string): AssertionVerification => ({
  ok: false,
  code: 'NOT_AUTHORISED',
  reason,
  message,
});

function elementsNS(doc: Document | Element, ns: string, name: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, name) as unknown as ArrayLike<Element>);
}

function idCount(doc: Document, id: string): number {
  let count = 0;
  for (const el of Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>)) {
    for (const attr of Array.from(el.attributes as unknown as ArrayLike<Attr>)) {
      if (/^(id|Id|ID)$/.test(attr.localName ?? attr.name) && attr.value === id) count += 1;
    }
  }
  return count;
}

function checkStructure(
  doc: Document,
): { assertion: Element; signature: Element; id: string } | AssertionVerification {
  const assertions = elementsNS(doc, SAML_NS, 'Assertion');
  if (assertions.length === 0) return reject('missing', 'no SAML assertion in the WS-Security header');
  if (assertions.length > 1) return reject('wrapping', 'more than one SAML assertion');
  const [assertion] = assertions;
  const root = doc.documentElement;
  if (root !== assertion) {
    const security = assertion.parentNode as Element | null;
    const header = security?.parentNode as Element | null;
    const inHeader =
      security?.namespaceURI === WSSE_NS &&
      security.localName === 'Security' &&
      header?.namespaceURI === SOAP_ENV_NS &&
      header.localName === 'Header' &&
      header.parentNode === root;
    if (!inHeader) return reject('wrapping', 'the assertion is not in soap:Header/wsse:Security');
  }
  const signatures = elementsNS(doc, DSIG_NS, 'Signature');
  if (signatures.length === 0) return reject('unsigned', 'the assertion is not signed');
  if (signatures.length > 1 || signatures[0].parentNode !== assertion) {
    return reject('wrapping', 'exactly one signature, enveloped in the assertion, is accepted');
  }
  const id = assertion.getAttribute('ID') ?? '';
  if (!/^[A-Za-z_][\w.-]*$/.test(id)) return reject('invalid-assertion', 'the assertion has no valid ID');
  if (idCount(doc, id) !== 1) return reject('wrapping', 'the assertion ID is not unique in the message');
  const references = elementsNS(signatures[0], DSIG_NS, 'Reference');
  if (references.length !== 1 || references[0].getAttribute('URI') !== `#${id}`) {
    return reject('wrapping', 'the signature must reference the assertion itself, and only it');
  }
  return { assertion, signature: signatures[0], id };
}

function checkAlgorithms(signature: Element): AssertionVerification | undefined {
  const algorithm = (name: string): string[] =>
    elementsNS(signature, DSIG_NS, name).map((e) => e.getAttribute('Algorithm') ?? '');
  const allowedTransforms: string[] = [ALGORITHMS.enveloped, ALGORITHMS.canonicalization];
  const ok =
    algorithm('SignatureMethod').join() === ALGORITHMS.signature &&
    algorithm('CanonicalizationMethod').join() === ALGORITHMS.canonicalization &&
    algorithm('DigestMethod').join() === ALGORITHMS.digest &&
    algorithm('Transform').every((t) => allowedTransforms.includes(t));
  return ok
    ? undefined
    : reject('unsupported-algorithm', 'only RSA-SHA256, SHA-256 and exclusive c14n are accepted');
}

interface TrustedSigner {
  certPem: string;
  rpps?: string;
  profession?: string;
  /** A structure certificate's national identifier (`3` + FINESS). */
  structureId?: string;
  notBefore: number;
  notAfter: number;
}

/**
 * Identity of a certificate: a card's RPPS from CN (`8` + RPPS, as IGC-Santé does) and profession from
 * title; a structure certificate (`title=structure`) has CN = `3` + FINESS.
 */
export function cardIdentityOf(cert: X509Certificate): {
  rpps?: string;
  profession?: string;
  structureId?: string;
} {
  const fields = new Map(
    cert.subject
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const cn = fields.get('CN') ?? '';
  const profession = fields.get('title');
  if (profession === 'structure') return { profession, structureId: /^3\d{9}$/.test(cn) ? cn : undefined };
  return { rpps: /^8(\d{11})$/.exec(cn)?.[1], profession };
}

function checkCertificate(
  signature: Element,
  trustedCaPems: string[],
  now: Date,
  skewMs: number,
): TrustedSigner | AssertionVerification {
  const certs = elementsNS(signature, DSIG_NS, 'X509Certificate');
  if (certs.length !== 1) return reject('untrusted', 'KeyInfo must carry exactly one X.509 certificate');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from((certs[0].textContent ?? '').replace(/\s+/g, ''), 'base64'));
  } catch {
    return reject('untrusted', 'the signing certificate cannot be read');
  }
  const inValidity = (c: X509Certificate): boolean =>
    Date.parse(c.validFrom) - skewMs <= now.getTime() && now.getTime() < Date.parse(c.validTo) + skewMs;
  const chained = trustedCaPems.some((pem) => {
    try {
      const ca = new X509Certificate(pem);
      return inValidity(ca) && cert.checkIssued(ca) && cert.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
  if (!chained) return reject('untrusted', 'the signing certificate is not issued by a trusted CA');
  if (!inValidity(cert)) return reject('untrusted', 'the signing certificate is outside its validity period');
  return {
    certPem: cert.toString(),
    ...cardIdentityOf(cert),
    notBefore: Date.parse(cert.validFrom),
    notAfter: Date.parse(cert.validTo),
  };
}

interface VerifiedSignature {
  id: string;
  claims: AssertionClaims;
  window: AssertionWindow;
  signer: TrustedSigner;
}

function verifySignature(
  xml: string,
  structure: { assertion: Element; signature: Element; id: string },
  trustedCaPems: string[],
  now: Date,
  skewMs: number,
): VerifiedSignature | AssertionVerification {
  const badAlgorithm = checkAlgorithms(structure.signature);
  if (badAlgorithm) return badAlgorithm;
  const signer = checkCertificate(structure.signature, trustedCaPems, now, skewMs);
  if ('ok' in signer) return signer;
  const verifier = new SignedXml({ publicCert: signer.certPem });
  let signedXml: string | undefined;
  try {
    verifier.loadSignature(structure.signature);
    if (verifier.checkSignature(xml)) signedXml = verifier.getSignedReferences()[0];
  } catch {
    signedXml = undefined;
  }
  if (!signedXml) return reject('tampered', 'the assertion signature does not verify');
  const signedRoot = parseXml(signedXml).documentElement;
  if (signedRoot.namespaceURI !== SAML_NS || signedRoot.localName !== 'Assertion') {
    return reject('wrapping', 'the signed reference is not the assertion');
  }
  if (signedRoot.getAttribute('ID') !== structure.id)
    return reject('wrapping', 'the signed assertion is another one');
  const read = readAssertion(signedRoot);
  if (typeof read === 'string') return reject('invalid-assertion', read);
  return { id: structure.id, ...read, signer };
}

/** Remembers verified assertions (keyed by their exact bytes) so a reused assertion is checked cheaply. */
export class VerifiedAssertionCache {
  private readonly entries = new Map<string, VerifiedSignature>();

  constructor(private readonly maxEntries = 1000) {}

  get(key: string): VerifiedSignature | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: VerifiedSignature): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, value);
  }
}

/**
 * Verifies the signed assertion of a SOAP request (or a bare assertion): structure (one assertion, one
 * enveloped signature referencing it, unique ID: no signature wrapping), algorithms, certificate chain,
 * signature, validity window, signer profession and role. Claims are read from the signed bytes only.
 */
export function verifyAssertion(
  xml: string,
  trustedCaPem: string | string[],
  now: Date,
  options: VerifyOptions & { cache?: VerifiedAssertionCache } = {},
): AssertionVerification {
  const skewMs = options.skewMs ?? 30_000;
  let doc: Document;
  try {
    doc = parseXml(xml);
  } catch (error) {
    return reject('invalid-assertion', (error as Error).message);
  }
  const structure = checkStructure(doc);
  if ('ok' in structure) return structure;
  // Structure is re-checked every time; only the crypto over identical assertion bytes is remembered.
  const trusted = [trustedCaPem].flat();
  const key = options.cache
    ? createHash('sha256')
        .update(trusted.join('\n'))
        .update(new XMLSerializer().serializeToString(structure.assertion))
        .digest('hex')
    : '';
  let verified = options.cache?.get(key);
  if (!verified) {
    const result = verifySignature(xml, structure, trusted, now, skewMs);
    if ('ok' in result) return result;
    verified = result;
    options.cache?.set(key, verified);
  }
  const { claims, window, signer } = verified;
  const t = now.getTime();
  if (t + skewMs < signer.notBefore || t - skewMs >= signer.notAfter) {
    return reject('untrusted', 'the signing certificate is outside its validity period');
  }
  if (t + skewMs < window.notBefore.getTime())
    return reject('not-yet-valid', 'the assertion is not valid yet');
  if (t - skewMs >= window.notOnOrAfter.getTime()) return reject('expired', 'the assertion has expired');
  if (window.notOnOrAfter.getTime() - window.notBefore.getTime() > MAX_ASSERTION_LIFETIME_MS) {
    return reject('lifetime-too-long', 'an assertion is valid for one hour at most');
  }
  if (signer.structureId) {
    // A structure certificate speaks for its pharmacy only, never as a person.
    if (claims.role !== 'structure') {
      return reject(
        'identity-mismatch',
        `a structure certificate cannot sign as ${claims.role || '(no role)'}`,
      );
    }
    if (claims.rpps !== signer.structureId || claims.pharmacy.finess !== signer.structureId.slice(1)) {
      return reject('identity-mismatch', 'the subject is not the structure of the signing certificate');
    }
    return { ok: true, assertionId: verified.id, claims, window, signerRpps: signer.structureId };
  }
  if (!signer.rpps || !(options.signerProfessions ?? ['pharmacien']).includes(signer.profession ?? '')) {
    return reject(
      'not-a-pharmacist-card',
      `a ${signer.profession ?? 'unknown'} card cannot sign for a pharmacy`,
    );
  }
  if (!(options.allowedRoles ?? ['pharmacien', 'preparateur']).includes(claims.role)) {
    return reject('role-not-allowed', `role ${claims.role || '(none)'} may not use this service`);
  }
  // A pharmacist acts under their own card only: the subject must be the RPPS of the signing certificate.
  if (claims.role === 'pharmacien' && claims.rpps !== signer.rpps) {
    return reject('identity-mismatch', 'the subject RPPS is not the card holder');
  }
  return { ok: true, assertionId: verified.id, claims, window, signerRpps: signer.rpps };
}
