import { personActor } from '../core/audit/audit-chain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { ActsService } from './acts.service';
import { DispensationRepository } from './dispensation.repository';
import { DispensationService } from './dispensation.service';
import type { DispensationView } from './dispensation.view';

/**
 * `POST /api/v1/dispensations/:id/abandon` (API.md § Dispensations): an open dispensation is closed
 * without an execution (the customer left). Its packs are released: a closed dispensation's serials no
 * longer count as scanned elsewhere, and nothing of it reaches the teleservice. Audited.
 */
@Injectable()
export class ClosureService {
  private readonly logger = new Logger(ClosureService.name);

  constructor(
    private readonly dispensations: DispensationService,
    private readonly acts: ActsService,
    private readonly audit: AuditService,
    private readonly db: Database,
    private readonly rows: DispensationRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async abandon(id: string, reason: string, terminalId: string): Promise<DispensationView> {
    const operator = await this.acts.operator(terminalId);
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      await this.dispensations.findOpen(id, m);
      await this.rows.move(m, id, 'open', 'abandoned', now, {
        closure: { status: 'abandoned', reason, by: operator.rpps, at: now.toISOString() },
      });
      await this.audit.append(
        {
          action: 'dispensation.abandoned',
          actor: personActor(operator),
          terminalId,
          subject: { type: 'dispensation', id },
          data: {},
        },
        m,
      );
    });
    this.logger.log({ dispensationId: id }, 'dispensation abandoned');
    return this.dispensations.changed(await this.dispensations.find(id));
  }
}
