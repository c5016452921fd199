import type { PackContent } from './domain/pack-label';
import type { FormMatch } from './domain/pharmaceutical-form';
import type { PrescriptionConditions } from './domain/prescription-conditions';
import type { Strength } from './domain/strength';

export type { FormMatch, PackContent, PrescriptionConditions, Strength };

/** Répertoire des génériques type (CIS_GENER_bdpm.txt column 4). */
export type GenericType = 'princeps' | 'generic' | 'complementary' | 'substitutable';

/** Codes of CIS_GENER_bdpm.txt: 0 princeps, 1 générique, 2 par complémentarité posologique, 4 substituable. */
export const GENERIC_TYPES: Record<0 | 1 | 2 | 4, GenericType> = {
  0: 'princeps',
  1: 'generic',
  2: 'complementary',
  4: 'substitutable',
};

/** One active ingredient of a speciality (CIS_COMPO_bdpm.txt), one per SA/FT link number. */
export interface Substance {
  code: string;
  name: string;
  /** Dosage as written (`500 mg`, `97,28 microgrammes`). */
  dosage?: string;
  /** What the dosage refers to (`un comprimé`, `5 ml de suspension`). */
  reference?: string;
  /** Strengths this component can be prescribed as (domain/strength.ts). */
  strengths: Strength[];
  /** `FT` when a fraction thérapeutique exists for the link: it is the one that counts; else `SA`. */
  nature: 'SA' | 'FT';
  /** The substance (SA) behind a fraction thérapeutique, e.g. AMOXICILLINE TRIHYDRATÉE for AMOXICILLINE. */
  salt?: { code: string; name: string; dosage?: string };
  /** Designation of the pharmaceutical element (`comprimé`, `gélule`). */
  element: string;
  link: number;
}

export interface GenericMembership {
  groupId: number;
  label: string;
  type: GenericType;
  typeCode: 0 | 1 | 2 | 4;
  sortOrder: number;
}

export interface GroupMember {
  cis: string;
  type: GenericType;
  typeCode: 0 | 1 | 2 | 4;
  sortOrder: number;
  /** Undefined when the CIS is not in the referential (withdrawn specialities stay in their groups). */
  name?: string;
}

export interface GenericGroup {
  id: number;
  label: string;
  members: GroupMember[];
}

/** A shortage or tension notice (CIS_CIP_Dispo_Spec.txt). */
export interface AvailabilityNotice {
  status: 'shortage' | 'tension' | 'discontinued' | 'restored';
  statusCode: 1 | 2 | 3 | 4;
  label: string;
  /** Set when the notice is for one presentation; absent: every presentation of the CIS. */
  cip13?: string;
  startedOn?: string;
  updatedOn?: string;
  restoredOn?: string;
  link?: string;
}

export interface Speciality {
  cis: string;
  name: string;
  form: string;
  routes: string[];
  authorisationStatus: string;
  procedure: string;
  /** `Commercialisée` in CIS_bdpm.txt column 7. */
  marketed: boolean;
  marketingState: string;
  authorisedOn?: string;
  bdmStatus?: string;
  holders: string[];
  enhancedMonitoring: boolean;
  substances: Substance[];
  genericGroups: GenericMembership[];
  conditions: PrescriptionConditions;
  /** Médicament d'intérêt thérapeutique majeur (CIS_MITM.txt) and its ATC code. */
  mitm?: { atc: string };
  availability: AvailabilityNotice[];
}

export interface Presentation {
  cip13: string;
  cip7: string;
  /** GTIN-14 printed in the pack's DataMatrix: `0` + CIP13 (README). */
  gtin: string;
  cis: string;
  label: string;
  status: string;
  /** `Déclaration de commercialisation` (not a stop declaration) in column 5. */
  marketed: boolean;
  marketingState: string;
  declaredOn?: string;
  collectivities?: boolean;
  /** Reimbursement rates in percent; empty when not reimbursed. */
  reimbursementRates: number[];
  priceCents?: number;
  publicPriceCents?: number;
  dispensingFeeCents?: number;
  reimbursementConditions?: string;
  pack: PackContent;
  /** Notices of this presentation and of its whole CIS. */
  availability: AvailabilityNotice[];
}

/** A presentation with its speciality: what a scanned pack resolves to. */
export interface MedicineProduct {
  presentation: Presentation;
  speciality: Speciality;
}

/** A line in DC (dénomination commune): substance(s), strength(s), form. */
export interface DcQuery {
  /** `PARACÉTAMOL`, or several joined by `/` or `+` (`AMOXICILLINE/ACIDE CLAVULANIQUE`). */
  substance: string;
  /** `1 g`, `500 mg`, `250 mg/5 ml`; one per substance for combinations (`1 g/125 mg`). */
  strength?: string;
  form?: string;
  /** Loosest form match accepted; default `variant` (domain/pharmaceutical-form.ts). */
  formTolerance?: FormMatch;
  /** Whether the speciality may hold other active substances too; default false. */
  allowOtherSubstances?: boolean;
}

export interface DcMatch extends MedicineProduct {
  /** How the speciality's form answers the query's; `same` when the query has no form. */
  formMatch: FormMatch;
}

export interface ReferentialStatus {
  versionId?: number;
  contentHash?: string;
  source?: string;
  importedAt?: string;
  counts: Record<string, number>;
}
