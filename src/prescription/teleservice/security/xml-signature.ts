import { SignedXml } from 'xml-crypto';

export const ALGORITHMS = {
  signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  canonicalization: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
} as const;

/**
 * Signs the element whose `ID` is `referenceId` with an enveloped signature placed right after its
 * saml:Issuer child; exclusive c14n makes the signature survive being moved into a SOAP header.
 */
export function signEnveloped(xml: string, referenceId: string, keyPem: string, certPem: string): string {
  const sig = new SignedXml({
    privateKey: keyPem,
    publicCert: certPem,
    signatureAlgorithm: ALGORITHMS.signature,
    canonicalizationAlgorithm: ALGORITHMS.canonicalization,
  });
  sig.addReference({
    xpath: `//*[@ID='${referenceId}']`,
    transforms: [ALGORITHMS.enveloped, ALGORITHMS.canonicalization],
    digestAlgorithm: ALGORITHMS.digest,
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `//*[@ID='${referenceId}']/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}
