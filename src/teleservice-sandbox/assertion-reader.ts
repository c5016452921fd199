import type { AssertionClaims, AssertionWindow } from '../prescription/teleservice/security/signer.port';

/**
 * The sandbox's own reading of the VIHF-style assertion (the client writes it in
 * `prescription/teleservice/security/assertion.ts`; the two share no code, so a mistake on one side shows).
 */
export const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

const ATTRIBUTE = {
  subjectId: 'urn:oasis:names:tc:xspa:1.0:subject:subject-id',
  role: 'urn:oasis:names:tc:xacml:2.0:subject:role',
  finess: 'Identifiant_Structure_FINESS',
  am: 'Identifiant_Structure_AM',
  softwareId: 'LPS_ID',
  softwareName: 'LPS_Nom',
  softwareVersion: 'LPS_Version',
} as const;

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
    role: values.get(ATTRIBUTE.role) ?? '',
    displayName: values.get(ATTRIBUTE.subjectId),
    pharmacy: { finess: values.get(ATTRIBUTE.finess), am: values.get(ATTRIBUTE.am) },
    software: {
      id: values.get(ATTRIBUTE.softwareId) ?? '',
      name: values.get(ATTRIBUTE.softwareName) ?? '',
      version: values.get(ATTRIBUTE.softwareVersion) ?? '',
    },
  };
  const subject = claims.role === 'structure' ? /^3\d{9}$/ : /^\d{11}$/;
  if (!subject.test(claims.rpps)) return 'subject is not an RPPS number (nor, for a structure, 3 + FINESS)';
  if (!claims.pharmacy.finess && !claims.pharmacy.am) return 'assertion names no pharmacy (FINESS or AM)';
  if (!claims.software.id || !claims.software.version) return 'assertion names no software';
  return { claims, window };
}
