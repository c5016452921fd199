import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What was handed over on a dispensation: a scanned or typed pack (`kind: pack`), or an item without a
 * barcode delivered by hand on a line (`kind: manual`: magistral preparation, device without code).
 */
@Entity('dispensation_packs')
@Index('IDX_dispensation_packs_dispensation', ['dispensationId', 'seq'])
@Index('IDX_dispensation_packs_serial', ['serial'])
export class DispensationPackEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  packId: string;

  @Column({ type: 'varchar', length: 36 })
  dispensationId: string;

  /** 1, 2, 3… in the order added to the dispensation. */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 8 })
  kind: 'pack' | 'manual';

  /** The line it is assigned to; null when it fits none. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lineId: string | null;

  /** `explicit` when the pharmacist named the line, `auto` when reconciliation chose it. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  assignedBy: 'explicit' | 'auto' | null;

  @Column({ type: 'varchar', length: 13, nullable: true })
  cip13: string | null;

  /** ACL13 / EAN-13 of a box that is not a CIP13 medicine. */
  @Column({ type: 'varchar', length: 14, nullable: true })
  code: string | null;

  /** Resolved from the referential when the pack was added. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  cis: string | null;

  @Column({ type: 'varchar', length: 255 })
  label: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  expiry: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  lot: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  serial: string | null;

  /** Boxes (or units for a product sold by unit). */
  @Column({ type: 'integer' })
  quantity: number;

  /** Units handed over from a box cut to give the exact number (R.5132-33); null: the whole box. */
  @Column({ type: 'integer', nullable: true })
  units: number | null;

  /** Price of one box (or unit) in cents: the LGO's, else the referential's public price when added. */
  @Column({ type: 'integer', nullable: true })
  unitPriceCents: number | null;

  /** Reimbursement rate in percent (0: not reimbursed): the LGO's, else the referential's. */
  @Column({ type: 'integer', nullable: true })
  reimbursementRate: number | null;

  /** The scan it came from, when it came from a terminal's scanner or `POST /api/v1/scans`. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  scanId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @Column({ type: Date })
  createdAt: Date;
}
