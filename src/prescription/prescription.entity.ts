import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Prescription } from './teleservice/teleservice.types';

/** The last copy of a prescription fetched from the teleservice (the teleservice stays the reference). */
@Entity('prescriptions')
export class PrescriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  prescriptionId: string;

  @Column({ type: 'simple-json' })
  data: Prescription;

  @Column({ type: 'datetime' })
  retrievedAt: Date;
}
