import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The person at a terminal, set by the LGO at login; every act records it. */
@Entity('terminal_operators')
export class TerminalOperatorEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  terminalId: string;

  @Column({ type: 'varchar', length: 11 })
  rpps: string;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 16 })
  role: 'pharmacien' | 'preparateur';

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
