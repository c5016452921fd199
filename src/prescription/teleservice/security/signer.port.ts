/** Who is calling, as the signed assertion states it (VIHF style: person, role, structure, software). */
export interface AssertionClaims {
  /**
   * Subject/NameID: the RPPS of the card holder, or, for role `structure`, the structure's national
   * identifier (`3` + FINESS) of the certificate that signs.
   */
  rpps: string;
  /**
   * Role code: `pharmacien` (the subject must be the signing card's holder), `preparateur` (acting under a
   * pharmacist's card), or `structure` (the pharmacy's structure certificate, for unattended resends);
   * other professions are refused by the teleservice.
   */
  role: string;
  displayName?: string;
  /** The executing pharmacy: FINESS, or the AM number when it has none; at least one. */
  pharmacy: { finess?: string; am?: string };
  software: { id: string; name: string; version: string };
}

export interface AssertionWindow {
  issueInstant: Date;
  notBefore: Date;
  notOnOrAfter: Date;
}

/**
 * Signs the SAML 2.0 assertion that goes in every request's WS-Security header (also the DI token).
 * Implementations: `TestPkiSigner` (a test card key on disk); in production the pharmacist's CPS through
 * the LGO's card middleware, or the pharmacy's structure certificate for unattended resends.
 */
export abstract class SignerPort {
  /**
   * Builds and signs (enveloped XML-DSig, RSA-SHA256, exclusive c14n, X.509 certificate in KeyInfo) a
   * `<saml:Assertion>` for these claims over this window, and resolves with its XML. Called once per
   * validity window, not per request (see `AssertionCache`).
   */
  abstract signAssertion(claims: AssertionClaims, window: AssertionWindow): Promise<string>;
}
