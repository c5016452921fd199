import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Clock } from '../../core/clock/clock';
import type { AppConfig } from '../../core/config/config.schema';
import { PrescriptionException } from '../prescription.exception';
import { openPkcs11Module, Pkcs11Module, Pkcs11Signer } from './security/pkcs11-signer';
import { SignerPort } from './security/signer.port';
import { loadOrCreateTestPki, TEST_PHARMACIST } from './security/test-pki';
import { TestPkiSigner } from './security/test-pki-signer';
import { createSoapTeleserviceClient } from './soap-teleservice.client';
import { TeleservicePort } from './teleservice.port';
import type { TeleserviceHealth } from './teleservice.types';
import { PRESCRIPTION_DETAILS } from '../error-messages';

/**
 * `signer: external`: the signers a host application gives `createApp` (`signers`), e.g. an adapter over
 * the LGO's own card middleware (see `security/external-signer.example.ts` and docs/teleservice.md).
 */
export interface ExternalSigners {
  /** Signs as the card holder, whose RPPS is `rpps`. */
  card: SignerPort;
  rpps: string;
  /** The structure certificate, for the outbox's unattended calls; default: `card`. */
  structure?: SignerPort;
}

/** `signer: external` with no signer given: every call is a clear, retryable refusal. */
class ExternalSignerNotPlugged extends SignerPort {
  async signAssertion(): Promise<string> {
    throw new PrescriptionException(
      'SIGNER_UNAVAILABLE',
      PRESCRIPTION_DETAILS.SIGNER_UNAVAILABLE.notPlugged(),
    );
  }
}

/** Stands for the teleservice when none is configured: every call is a clear 503, never a hang. */
class UnconfiguredTeleservice extends TeleservicePort {
  private fail(): never {
    throw new PrescriptionException(
      'TELESERVICE_UNAVAILABLE',
      PRESCRIPTION_DETAILS.TELESERVICE_UNAVAILABLE.notConfigured(),
    );
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

/** Reads a PIN from its environment variable, else its secret file; undefined when neither is set. */
export function pinSource(
  pinEnv: string,
  pinFile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): () => string | undefined {
  return () => {
    const fromEnv = env[pinEnv];
    if (fromEnv) return fromEnv;
    return pinFile ? readFileSync(pinFile, 'utf8').trim() : undefined;
  };
}

type Pkcs11Config = NonNullable<AppConfig['teleservice']['pkcs11']>;

/** `signer: pkcs11`: the card's signer and, when configured, the structure certificate's. */
function pkcs11Signers(
  config: Pkcs11Config,
  open: (modulePath: string) => Pkcs11Module,
): { card: Pkcs11Signer; structure?: Pkcs11Signer } {
  const modules = new Map<string, Pkcs11Module>();
  const moduleAt = (path: string) => {
    if (!modules.has(path)) modules.set(path, open(path));
    return modules.get(path)!;
  };
  const card = new Pkcs11Signer({
    module: moduleAt(config.module),
    tokenLabel: config.tokenLabel,
    keyLabel: config.keyLabel,
    pin: pinSource(config.pinEnv, config.pinFile),
  });
  const s = config.structure;
  const structure = s
    ? new Pkcs11Signer({
        module: moduleAt(s.module ?? config.module),
        tokenLabel: s.tokenLabel,
        keyLabel: s.keyLabel,
        pin: pinSource(s.pinEnv, s.pinFile),
      })
    : undefined;
  return { card, structure };
}

export interface TeleserviceFactoryOptions {
  signers?: ExternalSigners;
  /** Opens a PKCS#11 module file (tests give a fake module). */
  openModule?: (modulePath: string) => Pkcs11Module;
}

/**
 * The teleservice adapter the configuration names: SOAP to `teleservice.url`, signed by the configured
 * signer. Fails at startup, with the reason, when the signer cannot exist (pkcs11js missing, a module file
 * that does not load, no `teleservice.pkcs11` section) or the WSDL cannot be read; a token absent at
 * startup is not an error (the card may be put in later; calls fail with `SIGNER_TOKEN_ABSENT` meanwhile).
 */
export async function createTeleservice(
  config: AppConfig,
  clock: Clock,
  options: TeleserviceFactoryOptions = {},
): Promise<TeleservicePort> {
  const url = config.teleservice.url;
  // The client's own identity is the first pharmacy's; it acts for the others through `as(pharmacy)`.
  const first = config.pharmacies[0];
  if (!url) return new UnconfiguredTeleservice();
  let signer: SignerPort;
  let structureSigner: SignerPort | undefined;
  let rpps: string;
  let caPem: string | undefined;
  const pkcs11 = config.teleservice.pkcs11;
  const close: Array<() => void> = [];
  switch (config.teleservice.signer) {
    case 'test-pki': {
      const pki = loadOrCreateTestPki(join(resolve(config.dataDir), 'pki'));
      signer = new TestPkiSigner(pki.pharmacistCard);
      // The test structure certificate is the sandbox pharmacy's: it signs the outbox's calls when it is ours.
      if (first.finess === pki.structure.finess) structureSigner = new TestPkiSigner(pki.structure);
      rpps = TEST_PHARMACIST.rpps;
      caPem = pki.ca.certPem;
      break;
    }
    case 'pkcs11': {
      if (!pkcs11)
        throw new Error('signer "pkcs11" needs a teleservice.pkcs11 section (module, tokenLabel, keyLabel)');
      const signers = pkcs11Signers(pkcs11, options.openModule ?? ((path) => openPkcs11Module(path)));
      signer = signers.card;
      structureSigner = signers.structure;
      close.push(
        () => signers.card.close(),
        () => signers.structure?.close(),
      );
      // The card signs as its holder (the signer reads the RPPS from the certificate).
      rpps = '00000000000';
      break;
    }
    default:
      signer = options.signers?.card ?? new ExternalSignerNotPlugged();
      structureSigner = options.signers?.structure;
      rpps = options.signers?.rpps ?? '00000000000';
  }
  const client = createSoapTeleserviceClient({
    url,
    signer,
    structureSigner,
    caPem,
    timeoutMs: config.teleservice.timeoutMs,
    breaker: config.teleservice.breaker,
    clock,
    identity: {
      rpps,
      role: 'pharmacien',
      finess: first.finess,
      am: first.am,
      software: config.software,
    },
  });
  await client.ready();
  const closeClient = client.close.bind(client);
  client.close = async () => {
    await closeClient();
    for (const release of close) release();
  };
  return client;
}
