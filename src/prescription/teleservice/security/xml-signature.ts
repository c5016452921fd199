import { createSign } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

export const ALGORITHMS = {
  signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  canonicalization: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  digest: 'http://www.w3.org/2001/04/xmlenc#sha256',
} as const;

/**
 * Signs `data` with RSASSA-PKCS1-v1_5 over its SHA-256 digest (the key may sit on a card or in an HSM:
 * PKCS#11's CKM_SHA256_RSA_PKCS), and resolves with the raw signature.
 */
export type RawSigner = (data: Buffer) => Promise<Buffer>;

/**
 * Signs the element whose `ID` is `referenceId` with an enveloped signature placed right after its
 * saml:Issuer child; exclusive c14n makes the signature survive being moved into a SOAP header. The
 * certificate goes in KeyInfo; the private operation is `sign`'s, so the key never has to leave its token.
 */
export function signEnvelopedWith(
  xml: string,
  referenceId: string,
  certPem: string,
  sign: RawSigner,
): Promise<string> {
  class External {
    getSignature(signedInfo: string, _key: unknown, callback: (error: Error | null, value?: string) => void) {
      sign(Buffer.from(signedInfo, 'utf8')).then(
        (value) => callback(null, value.toString('base64')),
        (error: Error) => callback(error),
      );
    }
    getAlgorithmName(): string {
      return ALGORITHMS.signature;
    }
  }
  const sig = new SignedXml({
    // xml-crypto insists on a key; the signature comes from `sign`.
    privateKey: 'held by the signer',
    publicCert: certPem,
    signatureAlgorithm: ALGORITHMS.signature,
    canonicalizationAlgorithm: ALGORITHMS.canonicalization,
  });
  sig.SignatureAlgorithms = { ...sig.SignatureAlgorithms, [ALGORITHMS.signature]: External as never };
  sig.addReference({
    xpath: `//*[@ID='${referenceId}']`,
    transforms: [ALGORITHMS.enveloped, ALGORITHMS.canonicalization],
    digestAlgorithm: ALGORITHMS.digest,
  });
  return new Promise((resolve, reject) =>
    sig.computeSignature(
      xml,
      {
        prefix: 'ds',
        location: { reference: `//*[@ID='${referenceId}']/*[local-name(.)='Issuer']`, action: 'after' },
      },
      (error) => (error ? reject(error) : resolve(sig.getSignedXml())),
    ),
  );
}

/** The same, with a private key in memory (PEM): the test PKI. */
export function signEnveloped(
  xml: string,
  referenceId: string,
  keyPem: string,
  certPem: string,
): Promise<string> {
  return signEnvelopedWith(xml, referenceId, certPem, async (data) =>
    createSign('RSA-SHA256').update(data).sign(keyPem),
  );
}

/** The X.509 subject as the assertion's Issuer writes it (`C=FR,O=…,CN=…`). */
export function issuerOf(subject: string): string {
  return subject.split('\n').join(',');
}
