import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RejectionStatus = 'new' | 'in-progress' | 'resolved';
export const REJECTION_STATUSES: readonly RejectionStatus[] = ['new', 'in-progress', 'resolved'];

/**
 * An invoice rejection returned by the caisse (NOEMIE RSP, typed or imported by the back office), matched
 * to the FSE Comptoir recorded (`invoices`). One row per (pharmacy, FSE, code, receivedAt): posting it again is a no-op.
 */
@Entity('invoice_rejections')
@Index(
  'UQ_invoice_rejections_fse_code_received',
  ['pharmacyId', 'fseNumber', 'rejectionCode', 'receivedAt'],
  {
    unique: true,
  },
)
@Index('IDX_invoice_rejections_status_received', ['status', 'receivedAt'])
@Index('IDX_invoice_rejections_prescription', ['prescriptionId'])
@Index('IDX_invoice_rejections_dispensation', ['dispensationId'])
export class InvoiceRejectionEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  invoiceId: string;

  @Column({ type: 'varchar', length: 36 })
  dispensationId: string;

  @Column({ type: 'varchar', length: 64 })
  prescriptionId: string;

  @Column({ type: 'varchar', length: 32 })
  fseNumber: string;

  /** As given with the rejection, else the invoice's. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  billingNumber: string | null;

  /** The invoice's date (YYYY-MM-DD, pharmacy time zone). */
  @Column({ type: 'varchar', length: 10 })
  invoiceDate: string;

  @Column({ type: 'varchar', length: 32 })
  rejectionCode: string;

  @Column({ type: 'varchar', length: 500 })
  label: string;

  @Column({ type: 'integer', nullable: true })
  amountCents: number | null;

  @Column({ type: Date })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: RejectionStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment: string | null;

  /** `api` (POST) or `import` (CSV file). */
  @Column({ type: 'varchar', length: 8 })
  source: 'api' | 'import';

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
