import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from './principal';

/** A page session (session.store.ts), kept by the SHA-256 of its id so a copy of the table logs no one in. */
@Entity('sessions')
@Index('IDX_sessions_expires', ['expiresAt'])
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 64 })
  pharmacyId: string;

  @Column({ type: 'varchar', length: 64 })
  terminalId: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: Date })
  createdAt: Date;

  /** Last use plus `auth.sessionIdleMinutes`; pushed back as the session is used. */
  @Column({ type: Date })
  expiresAt: Date;
}
