import type { AssertionClaims, AssertionWindow } from './signer.port';

export const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** OID qualifying national health professional identifiers (RPPS). */
export const RPPS_QUALIFIER = '1.2.250.1.71.4.2.1';
/** OID qualifying national structure identifiers (`3` + FINESS): the subject of a structure "cachet". */
export const STRUCTURE_QUALIFIER = '1.2.250.1.71.4.2.2';
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

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attribute(name: string, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return `<saml:Attribute Name="${name}"><saml:AttributeValue>${escapeXml(value)}</saml:AttributeValue></saml:Attribute>`;
}

/**
 * The unsigned assertion; the signer inserts ds:Signature right after Issuer, as SAML requires. The subject
 * is the card holder's RPPS, or, for role `structure` (the pharmacy's structure certificate signing
 * unattended resends), the structure's national identifier.
 */
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
    `NameQualifier="${claims.role === 'structure' ? STRUCTURE_QUALIFIER : RPPS_QUALIFIER}">${escapeXml(claims.rpps)}</saml:NameID>` +
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
