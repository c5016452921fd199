import { escapeXml } from '../soap/xml-mapper';
import type { AssertionClaims, AssertionWindow } from './signer.port';

export const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** OID qualifying national health professional identifiers (RPPS). */
export const RPPS_QUALIFIER = '1.2.250.1.71.4.2.1';
export const ASSERTION_PROFILE = 'comptoir-vihf-1.0';

export const ATTR = {
  profile: 'VIHF_Version',
  subjectId: 'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
  role: 'urn:oasis:names:tc:xacml:2.0:subject:role',
  finess: 'Identifiant_Structure_FINESS',
  am: 'Identifiant_Structure_AM',
  softwareId: 'LPS_ID',
  softwareName: 'LPS_Nom',
  softwareVersion: 'LPS_Version',
  authMode: 'Authentification_Mode',
} as const;

function attribute(name: string, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return `<saml:Attribute Name="${name}"><saml:AttributeValue>${escapeXml(value)}</saml:AttributeValue></saml:Attribute>`;
}

/** The unsigned assertion; the signer inserts ds:Signature right after Issuer, as SAML requires. */
export function buildAssertionXml(
  claims: AssertionClaims,
  window: AssertionWindow,
  options: { id: string; issuer: string },
): string {
  const iso = (d: Date): string => d.toISOString();
  return (
    `<saml:Assertion xmlns:saml="${SAML_NS}" ID="${options.id}" IssueInstant="${iso(window.issueInstant)}" Version="2.0">` +
    `<saml:Issuer Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${escapeXml(options.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" ` +
    `NameQualifier="${RPPS_QUALIFIER}">${escapeXml(claims.rpps)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:sender-vouches"/></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(window.notBefore)}" NotOnOrAfter="${iso(window.notOnOrAfter)}"/>` +
    `<saml:AuthnStatement AuthnInstant="${iso(window.issueInstant)}"><saml:AuthnContext>` +
    `<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI</saml:AuthnContextClassRef>` +
    `</saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>` +
    attribute(ATTR.profile, ASSERTION_PROFILE) +
    attribute(ATTR.subjectId, claims.displayName) +
    attribute(ATTR.role, claims.role) +
    attribute(ATTR.finess, claims.pharmacy.finess) +
    attribute(ATTR.am, claims.pharmacy.am) +
    attribute(ATTR.softwareId, claims.software.id) +
    attribute(ATTR.softwareName, claims.software.name) +
    attribute(ATTR.softwareVersion, claims.software.version) +
    attribute(ATTR.authMode, 'INDIRECTE') +
    `</saml:AttributeStatement></saml:Assertion>`
  );
}

function firstChildNS(parent: Element, ns: string, name: string): Element | undefined {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name) {
      return n as Element;
    }
  }
  return undefined;
}

/** Reads claims and window back from an assertion element (call it on the signed reference only). */
export function readAssertion(
  assertion: Element,
): { claims: AssertionClaims; window: AssertionWindow } | string {
  const nameId = firstChildNS(firstChildNS(assertion, SAML_NS, 'Subject') ?? assertion, SAML_NS, 'NameID');
  const conditions = firstChildNS(assertion, SAML_NS, 'Conditions');
  const statement = firstChildNS(assertion, SAML_NS, 'AttributeStatement');
  if (!nameId || !conditions || !statement)
    return 'assertion lacks Subject/NameID, Conditions or AttributeStatement';
  const values = new Map<string, string>();
  for (let n = statement.firstChild; n; n = n.nextSibling) {
    const el = n as Element;
    if (n.nodeType !== 1 || el.localName !== 'Attribute') continue;
    const value = firstChildNS(el, SAML_NS, 'AttributeValue')?.textContent ?? '';
    if (values.has(el.getAttribute('Name') ?? ''))
      return `attribute ${el.getAttribute('Name')} appears twice`;
    values.set(el.getAttribute('Name') ?? '', value.trim());
  }
  const date = (s: string | null): Date => new Date(s ?? 'invalid');
  const window = {
    issueInstant: date(assertion.getAttribute('IssueInstant')),
    notBefore: date(conditions.getAttribute('NotBefore')),
    notOnOrAfter: date(conditions.getAttribute('NotOnOrAfter')),
  };
  if (Object.values(window).some((d) => Number.isNaN(d.getTime()))) return 'assertion window is not readable';
  const claims: AssertionClaims = {
    rpps: (nameId.textContent ?? '').trim(),
    role: values.get(ATTR.role) ?? '',
    displayName: values.get(ATTR.subjectId),
    pharmacy: { finess: values.get(ATTR.finess), am: values.get(ATTR.am) },
    software: {
      id: values.get(ATTR.softwareId) ?? '',
      name: values.get(ATTR.softwareName) ?? '',
      version: values.get(ATTR.softwareVersion) ?? '',
    },
  };
  if (!/^\d{11}$/.test(claims.rpps)) return 'subject is not an RPPS number';
  if (!claims.pharmacy.finess && !claims.pharmacy.am) return 'assertion names no pharmacy (FINESS or AM)';
  if (!claims.software.id || !claims.software.version) return 'assertion names no software';
  return { claims, window };
}
