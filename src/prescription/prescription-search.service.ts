import { Injectable } from '@nestjs/common';
import { PrescriptionException } from './prescription.exception';
import { PRESCRIPTION_DETAILS } from './error-messages';
import type {
  Prescriber,
  PrescriptionStatus,
  PrescriptionSummary,
  SearchCriteria,
} from './teleservice/teleservice.types';
import { Pharmacies } from '../core/config/pharmacies';
import { TeleservicePort } from './teleservice/teleservice.port';

/** A patient as API.md's search names them. */
export interface PatientQuery {
  nir?: string;
  ins?: string;
  lastName?: string;
  firstName?: string;
  birthDate?: string;
}

/** API.md's search item. */
export interface PrescriptionItem {
  prescriptionId: string;
  createdAt: string;
  prescriber: Pick<Prescriber, 'rpps'>;
  status: PrescriptionStatus;
  lineCount: number;
}

/** Statuses a pharmacy can still dispense on: what a card insertion lists. */
export const DISPENSABLE: ReadonlySet<PrescriptionStatus> = new Set(['open', 'partially-executed']);

const toItem = (s: PrescriptionSummary): PrescriptionItem => ({
  prescriptionId: s.prescriptionId,
  createdAt: s.createdAt,
  prescriber: { rpps: s.prescriberRpps },
  status: s.status,
  lineCount: s.lineCount,
});

/**
 * The patient's prescriptions at the teleservice (`rechercherPrescriptions`). A NIR, an INS, or a last
 * name with a birth date is needed: a name alone would list other people's prescriptions.
 */
@Injectable()
export class PrescriptionSearchService {
  constructor(
    private readonly teleservice: TeleservicePort,
    private readonly pharmacies: Pharmacies,
  ) {}

  /** Asked as the calling pharmacy (its FINESS in the signed assertion). */
  async search(pharmacyId: string, q: PatientQuery): Promise<PrescriptionItem[]> {
    if (!q.nir && !q.ins && !(q.lastName && q.birthDate)) {
      throw new PrescriptionException(
        'SEARCH_CRITERIA_MISSING',
        PRESCRIPTION_DETAILS.SEARCH_CRITERIA_MISSING.patientNamed(),
      );
    }
    const criteria: SearchCriteria = { limit: 100 };
    if (q.nir) criteria.patientNir = q.nir;
    if (q.ins) criteria.patientIns = q.ins;
    if (q.lastName) criteria.patientLastName = q.lastName;
    if (q.firstName) criteria.patientFirstName = q.firstName;
    if (q.birthDate) criteria.patientBirthDate = q.birthDate;
    return (await this.teleservice.as(this.pharmacies.identity(pharmacyId)).search(criteria)).map(toItem);
  }
}
