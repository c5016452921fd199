import { Column, Entity, PrimaryColumn } from 'typeorm';

export type StaffRole = 'pharmacien' | 'preparateur';

/** One person of the pharmacy's staff registry (API.md § Conventions: Staff). */
@Entity('staff')
export class StaffEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 11 })
  rpps: string;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  /** `scrypt$N$r$p$salt$hash` of the personal code (personal-code.ts); null: none set. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  codeHash: string | null;

  /** Codes refused (or being checked) since the last good one; 5 locks the person out. */
  @Column({ type: 'integer', default: 0 })
  failedCodes: number;

  @Column({ type: Date, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: Date })
  updatedAt: Date;
}
