import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../clock/clock';
import type { AppConfig, TerminalConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { Database } from '../database/database';
import { CoreException } from '../errors/core.exception';
import { StaffMember, StaffService, unknownOperator } from '../staff/staff.service';
import { TerminalOperatorRepository } from './terminal-operator.repository';
import { CORE_DETAILS } from '../errors/error-messages';

export type Operator = StaffMember;

/**
 * Configured terminals and who is at each: the RPPS last set (by the LGO, or by the page with the
 * person's code), else the configuration's default; name and role always come from the staff registry.
 */
@Injectable()
export class TerminalsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly operators: TerminalOperatorRepository,
    private readonly staff: StaffService,
    private readonly db: Database,
    private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** A configured terminal (of that pharmacy when one is named): 404 TERMINAL_UNKNOWN otherwise. */
  terminal(id: string, pharmacyId?: string): TerminalConfig {
    const terminal = this.config.terminals.find(
      (t) => t.id === id && (pharmacyId === undefined || t.pharmacyId === pharmacyId),
    );
    if (!terminal) throw new CoreException('TERMINAL_UNKNOWN', CORE_DETAILS.TERMINAL_UNKNOWN.unknown({ id }));
    return terminal;
  }

  /** The person at the terminal, or undefined (none set, or no longer in the registry). */
  async operator(terminalId: string, pharmacyId?: string): Promise<Operator | undefined> {
    const terminal = this.terminal(terminalId, pharmacyId);
    pharmacyId ??= terminal.pharmacyId;
    const row = await this.operators.find(this.db.reader, pharmacyId, terminalId);
    const rpps = row?.rpps ?? terminal.operator;
    return rpps === undefined ? undefined : this.staff.member(pharmacyId, rpps);
  }

  /** The person at the terminal, for an act that must be by someone: 409 NO_OPERATOR when none is set. */
  async requireOperator(terminalId: string, pharmacyId?: string): Promise<Operator> {
    const operator = await this.operator(terminalId, pharmacyId);
    if (!operator) throw new CoreException('NO_OPERATOR', CORE_DETAILS.NO_OPERATOR.none({ terminalId }));
    return operator;
  }

  /**
   * Sets the person at a terminal (API.md § Conventions): they must be in the registry, and from a counter
   * credential their personal code must be right. Audited with who set it.
   */
  async setOperator(
    terminalId: string,
    rpps: string,
    code: string | undefined,
    by: Principal,
  ): Promise<Operator> {
    const { pharmacyId } = by;
    this.terminal(terminalId, pharmacyId);
    const person = await this.staff.member(pharmacyId, rpps);
    if (!person) throw unknownOperator(rpps);
    if (by.role !== 'lgo') await this.staff.checkCode(pharmacyId, rpps, code);
    await this.db.transaction(async (m) => {
      await this.operators.set(m, { pharmacyId, terminalId, rpps, updatedAt: this.clock.now() });
      await this.audit.append(
        {
          action: 'terminal.operator.set',
          actor: { kind: 'person', rpps: person.rpps, role: person.role },
          terminalId,
          pharmacyId,
          subject: { type: 'terminal', id: terminalId },
          data: { by: by.role, withCode: by.role !== 'lgo' },
        },
        m,
      );
    });
    return person;
  }
}
