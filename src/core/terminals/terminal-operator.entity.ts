import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The person at a terminal, set by the LGO or by the page with the person's code; every act records it.
 * Only the RPPS: name and role are read from the staff registry, never from the request.
 */
@Entity('terminal_operators')
export class TerminalOperatorEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  terminalId: string;

  @Column({ type: 'varchar', length: 11 })
  rpps: string;

  @Column({ type: Date })
  updatedAt: Date;
}
