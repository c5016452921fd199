import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An FSE the LGO sent for a dispensation: what a rejection (NOEMIE) is matched against later. */
@Entity('invoices')
@Index('IDX_invoices_fse', ['pharmacyId', 'fseNumber'])
@Index('UQ_invoices_dispensation', ['dispensationId'], { unique: true })
export class InvoiceEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  dispensationId: string;

  @Column({ type: 'varchar', length: 64 })
  prescriptionId: string;

  @Column({ type: 'varchar', length: 32 })
  fseNumber: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  billingNumber: string | null;

  @Column({ type: Date })
  invoicedAt: Date;

  @Column({ type: 'integer', nullable: true })
  amountCents: number | null;

  /** Set when the LGO invoiced before the acknowledgement (teleservice outage), by a pharmacien. */
  @Column({ type: 'simple-json', nullable: true })
  override: { reason: string; by: string } | null;

  /** The post-invoice update queued behind the execution. */
  @Column({ type: 'varchar', length: 36 })
  postInvoiceExecutionId: string;

  @Column({ type: Date })
  createdAt: Date;
}
