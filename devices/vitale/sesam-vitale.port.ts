// The boundary with the GIE SESAM-Vitale components. What they return is modelled on the public SSV data
// groups (domain-research §8: MedinTux's SSV_LireDroitsVitale walk); the calls themselves are the vendor's.
import type { Person } from './card-holder';
import { VitaleError } from './vitale-error';

/** Group 101, the insured person (assuré) and the card. */
export interface SesamInsured {
  cardType?: string;
  serial?: string;
  cardEndOfValidity?: string;
  holderType?: 'assure' | 'ayant-droit';
  /** NIR with its key. */
  nir?: string;
  regime?: string;
  caisse?: string;
  centre?: string;
  codeGestion?: string;
}

/** Group 104, one beneficiary (1 to 6 per card): identity with birth name, rank and certified NIR. */
export interface SesamBeneficiary extends Person {
  certifiedNir?: string;
  certificationDate?: string;
  /** Qualité: relationship to the insured person, as the component codes it. */
  quality?: string;
  /** AMO service code: 00 none, 01, 02, 03, 10. */
  amoServiceCode?: string;
  addressLines?: string[];
  /** Groups 105 and 106 for this beneficiary. */
  amoRights?: SesamPeriod[];
  coverage?: SesamCoverage[];
}

/** Group 105, an AMO rights period. */
export interface SesamPeriod {
  from?: string;
  to?: string;
  code?: string;
}

/** Group 106, a coverage period with its ALD and situation codes. */
export interface SesamCoverage extends SesamPeriod {
  aldCode?: string;
  situationCode?: string;
}

/** Group 109, the complementary (AMC) body. */
export interface SesamAmc {
  number?: string;
  memberNumber?: string;
  processingIndicator?: string;
  routingCode?: string;
  hostId?: string;
  domainName?: string;
  stsRouting?: string;
}

export interface SesamVitaleRights {
  source: 'vitale1' | 'vitale2' | 'apcv';
  insured: SesamInsured;
  beneficiaries: SesamBeneficiary[];
  amc?: SesamAmc;
}

export interface SesamRightsRequest {
  /** The PC/SC reader holding the card. */
  reader: string;
  /** Consultation date (YYYY-MM-DD): rights are given as of this day. */
  date: string;
}

/**
 * What a vendor's CNDA-approved SESAM-Vitale component (SSV, or the GIE's "API de lecture Vitale") supplies:
 * everything the public Vitale 2 layout does not — Vitale 1 cards, rights and their periods, ALD, AMC, the
 * certified NIR, birth name and rank, and the apCV (Carte Vitale app) with its ADRi call. Comptoir never
 * reads these with raw APDUs. An implementation that talks to the reader itself should run inside
 * `VitaleBridge.withCard()` so that the bridge does not touch the card meanwhile.
 */
export abstract class SesamVitalePort {
  /** False for the built-in placeholder; the service shows a clear message instead of a failure. */
  abstract readonly configured: boolean;
  /** Reads the card's rights (groups 101, 104–106, 109) through the approved component. */
  abstract readRights(request: SesamRightsRequest): Promise<SesamVitaleRights>;
  /** Hands a scanned apCV QR payload to the component, which calls ADRi. */
  abstract readApCv(payload: string, date: string): Promise<SesamVitaleRights>;
}

/** The default: no vendor component plugged in. Every call rejects with `SESAM_VITALE_NOT_CONFIGURED`. */
export class NotConfiguredSesamVitale extends SesamVitalePort {
  readonly configured = false;

  readRights(): Promise<SesamVitaleRights> {
    return Promise.reject(notConfigured('reading rights from the Carte Vitale'));
  }

  readApCv(): Promise<SesamVitaleRights> {
    return Promise.reject(notConfigured('reading the Carte Vitale app (apCV)'));
  }
}

const notConfigured = (what: string): VitaleError =>
  new VitaleError(
    'SESAM_VITALE_NOT_CONFIGURED',
    `${what} needs the SESAM-Vitale component of the LGO vendor, which is not configured`,
  );
