import { join, resolve } from 'node:path';
import type { Clock } from '../../core/clock/clock';
import type { AppConfig } from '../../core/config/config.schema';
import { PrescriptionException } from '../prescription.exception';
import { SignerPort } from './security/signer.port';
import { loadOrCreateTestPki, TEST_PHARMACIST } from './security/test-pki';
import { TestPkiSigner } from './security/test-pki-signer';
import { createSoapTeleserviceClient } from './soap-teleservice.client';
import { TeleservicePort } from './teleservice.port';
import type { TeleserviceHealth } from './teleservice.types';

/** Production signing goes through the pharmacist's CPS in the LGO's card middleware: an integrator plugs it. */
class ExternalSignerNotPlugged extends SignerPort {
  async signAssertion(): Promise<string> {
    throw new PrescriptionException('SIGNER_UNAVAILABLE', 'signer "external": no card signer is plugged in');
  }
}

/** Stands for the teleservice when none is configured: every call is a clear 503, never a hang. */
class UnconfiguredTeleservice extends TeleservicePort {
  private fail(): never {
    throw new PrescriptionException('TELESERVICE_UNAVAILABLE', 'no teleservice configured (teleservice.url)');
  }
  consult = async () => this.fail();
  recordExecution = async () => this.fail();
  updateAfterInvoicing = async () => this.fail();
  cancelExecution = async () => this.fail();
  search = async () => this.fail();
  async ping(): Promise<TeleserviceHealth> {
    return { status: 'down', detail: 'not configured' };
  }
}

/** The teleservice adapter the configuration names: SOAP to `teleservice.url`, signed by the configured signer. */
export function createTeleservice(config: AppConfig, clock: Clock): TeleservicePort {
  const url = config.teleservice.url;
  if (!url) return new UnconfiguredTeleservice();
  let signer: SignerPort;
  let rpps: string;
  let caPem: string | undefined;
  if (config.teleservice.signer === 'test-pki') {
    const pki = loadOrCreateTestPki(join(resolve(config.dataDir), 'pki'));
    signer = new TestPkiSigner(pki.pharmacistCard);
    rpps = TEST_PHARMACIST.rpps;
    caPem = pki.ca.certPem;
  } else {
    signer = new ExternalSignerNotPlugged();
    rpps = '00000000000';
  }
  return createSoapTeleserviceClient({
    url,
    signer,
    caPem,
    timeoutMs: config.teleservice.timeoutMs,
    breaker: config.teleservice.breaker,
    clock,
    identity: {
      rpps,
      role: 'pharmacien',
      finess: config.pharmacy.finess,
      am: config.pharmacy.am,
      software: config.software,
    },
  });
}
