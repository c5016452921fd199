import { randomUUID } from 'node:crypto';
import forge from 'node-forge';
import { buildAssertionXml } from './assertion';
import { AssertionClaims, AssertionWindow, SignerPort } from './signer.port';
import type { PemPair } from './test-pki';
import { signEnveloped } from './xml-signature';

/** Signs with a test card key held in memory (sandbox and tests only). */
export class TestPkiSigner extends SignerPort {
  private readonly issuer: string;

  constructor(
    private readonly card: PemPair,
    private readonly newId: () => string = () => `_${randomUUID()}`,
  ) {
    super();
    const cert = forge.pki.certificateFromPem(card.certPem);
    this.issuer = cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(',');
  }

  async signAssertion(claims: AssertionClaims, window: AssertionWindow): Promise<string> {
    const id = this.newId();
    const xml = buildAssertionXml(claims, window, { id, issuer: this.issuer });
    return signEnveloped(xml, id, this.card.keyPem, this.card.certPem);
  }
}
