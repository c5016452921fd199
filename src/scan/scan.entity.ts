import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One code read at the counter (device or API), kept for the back office's trail. */
@Entity('scans')
@Index('IDX_scans_terminal_created', ['terminalId', 'createdAt'])
export class ScanEntity {
  /** The pharmacy the row belongs to (docs/data.md § Many pharmacies). */
  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  terminalId: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  deviceId: string | null;

  /** `api` or `device`. */
  @Column({ type: 'varchar', length: 16 })
  source: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  symbology: string | null;

  @Column({ type: 'simple-json' })
  parsed: unknown;

  @Column({ type: 'simple-json' })
  warnings: string[];

  @Column({ type: Date })
  createdAt: Date;
}
