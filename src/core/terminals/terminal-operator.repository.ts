import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TerminalOperatorEntity } from './terminal-operator.entity';

/** Who was last set at each terminal. */
@Injectable()
export class TerminalOperatorRepository {
  find(m: EntityManager, pharmacyId: string, terminalId: string): Promise<TerminalOperatorEntity | null> {
    return m.getRepository(TerminalOperatorEntity).findOneBy({ pharmacyId, terminalId });
  }

  async set(m: EntityManager, row: TerminalOperatorEntity): Promise<void> {
    await m.getRepository(TerminalOperatorEntity).upsert(row, ['pharmacyId', 'terminalId']);
  }
}
