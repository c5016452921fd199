import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../clock/clock';
import type { AppConfig, TerminalConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { CoreException } from '../errors/core.exception';
import { TerminalOperatorEntity } from './terminal-operator.entity';

export interface Operator {
  rpps: string;
  lastName: string;
  firstName: string;
  role: 'pharmacien' | 'preparateur';
}

/** Configured terminals and who is at each (the LGO's login, else the configuration's default). */
@Injectable()
export class TerminalsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(TerminalOperatorEntity) private readonly operators: Repository<TerminalOperatorEntity>,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  terminal(id: string): TerminalConfig {
    const terminal = this.config.terminals.find((t) => t.id === id);
    if (!terminal) throw new CoreException('TERMINAL_UNKNOWN', `no terminal ${id}`);
    return terminal;
  }

  async operator(terminalId: string): Promise<Operator | undefined> {
    const terminal = this.terminal(terminalId);
    const row = await this.operators.findOneBy({ terminalId });
    if (row) return { rpps: row.rpps, lastName: row.lastName, firstName: row.firstName, role: row.role };
    return terminal.operator;
  }

  /** The person at the terminal, for an act that must be by someone: 409 NO_OPERATOR when none is set. */
  async requireOperator(terminalId: string): Promise<Operator> {
    const operator = await this.operator(terminalId);
    if (!operator) throw new CoreException('NO_OPERATOR', `no operator on terminal ${terminalId}`);
    return operator;
  }

  async setOperator(terminalId: string, operator: Operator): Promise<Operator> {
    this.terminal(terminalId);
    // One statement: save() would open a transaction of its own outside the WriteLock.
    await this.operators.upsert({ terminalId, ...operator, updatedAt: this.clock.now() }, ['terminalId']);
    return operator;
  }
}
