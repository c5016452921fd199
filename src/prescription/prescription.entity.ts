import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Prescription } from './teleservice/teleservice.types';

/**
 * The last copy of a prescription fetched from the teleservice (the teleservice stays the reference), per
 * pharmacy: two pharmacies may both retrieve the same national prescription.
 */
@Entity('prescriptions')
@Index('IDX_prescriptions_patient', ['pharmacyId', 'patientKey'])
export class PrescriptionEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  prescriptionId: string;

  @Column({ type: 'simple-json' })
  data: Prescription;

  @Column({ type: Date })
  retrievedAt: Date;

  /** SHA-256 of the patient's folded names and birth date (patientKey()): their other prescriptions. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  patientKey: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  prescriberRpps: string | null;
}
