import { randomUUID, X509Certificate } from 'node:crypto';
import { buildAssertionXml } from './assertion';
import { AssertionClaims, AssertionWindow, SignerPort } from './signer.port';
import { issuerOf, signEnvelopedWith } from './xml-signature';

/**
 * What an LGO's own card middleware must offer for `signer: external`: the certificate of the card (or
 * structure certificate) in use, and an RSASSA-PKCS1-v1_5 signature over the SHA-256 of some bytes.
 * Errors it throws reach the caller as `SIGNER_UNAVAILABLE`; throw a `SignerError` (`signer-error.ts`) to
 * say more (`token-absent`, `pin-incorrect`, `pin-locked`, `key-not-found`).
 */
export interface CardMiddleware {
  certificatePem(): Promise<string>;
  signSha256Rsa(data: Buffer): Promise<Buffer>;
}

/**
 * Example adapter of the `external` signer port: the assertion is built and canonicalised here, and only
 * the RSA operation goes to the middleware. A host application passes it to `createApp`:
 * `createApp({ config, signers: { card: new CardMiddlewareSigner(cps), rpps, structure?: … } })`.
 */
export class CardMiddlewareSigner extends SignerPort {
  constructor(private readonly middleware: CardMiddleware) {
    super();
  }

  async signAssertion(claims: AssertionClaims, window: AssertionWindow): Promise<string> {
    const certPem = await this.middleware.certificatePem();
    const id = `_${randomUUID()}`;
    const issuer = issuerOf(new X509Certificate(certPem).subject);
    const xml = buildAssertionXml(claims, window, { id, issuer });
    return signEnvelopedWith(xml, id, certPem, (data) => this.middleware.signSha256Rsa(data));
  }
}
