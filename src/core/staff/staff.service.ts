import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../clock/clock';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { Database } from '../database/database';
import { CoreException } from '../errors/core.exception';
import { hashPersonalCode, verifyPersonalCode } from './personal-code';
import { StaffEntity, StaffRole } from './staff.entity';
import { StaffRepository } from './staff.repository';
import { CORE_DETAILS } from '../errors/error-messages';
import { Text } from '../i18n/messages';

/** Wrong codes in a row before the person is refused, and for how long (API.md § Conventions: Staff). */
export const MAX_FAILED_CODES = 5;
export const LOCK_MS = 5 * 60_000;

export interface StaffMember {
  rpps: string;
  lastName: string;
  firstName: string;
  role: StaffRole;
}

/** What the registry shows an `lgo` or back-office caller; a counter sees the StaffMember part only. */
export interface StaffView extends StaffMember {
  hasCode: boolean;
  lockedUntil?: string;
}

export interface StaffInput extends StaffMember {
  code?: string;
}

/**
 * The pharmacy's staff registry, in the database: who may be the operator of a terminal, with which role,
 * and their personal code (scrypt). Staff in the configuration only seed rows that are missing.
 */
@Injectable()
export class StaffService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaffService.name);

  constructor(
    private readonly rows: StaffRepository,
    private readonly db: Database,
    private readonly audit: AuditService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Each pharmacy's registry: the configuration only seeds the rows that are missing.
    for (const { id: pharmacyId, staff } of this.config.pharmacies) {
      for (const s of staff) {
        if (await this.rows.find(this.db.reader, pharmacyId, s.rpps)) continue;
        const row = await this.row(pharmacyId, s, null);
        if (!(await this.db.transaction((m) => this.rows.insertIfMissing(m, row)))) continue;
        this.logger.log(
          { pharmacyId, rpps: s.rpps, role: s.role },
          'staff member seeded from the configuration',
        );
      }
    }
  }

  async list(pharmacyId: string): Promise<StaffView[]> {
    const rows = await this.rows.list(this.db.reader, pharmacyId);
    return rows.map((r) => this.view(r));
  }

  /** The registry's entry for an RPPS, or undefined. */
  async member(pharmacyId: string, rpps: string): Promise<StaffMember | undefined> {
    const row = await this.rows.find(this.db.reader, pharmacyId, rpps);
    return row ? member(row) : undefined;
  }

  /** Adds or replaces a person (a code given replaces theirs, one omitted keeps it). Audited. */
  async put(pharmacyId: string, input: StaffInput, by: Principal): Promise<StaffView> {
    const existing = await this.rows.find(this.db.reader, pharmacyId, input.rpps);
    const row = await this.row(pharmacyId, input, existing);
    await this.db.transaction(async (m) => {
      await this.rows.upsert(m, row);
      await this.audit.append(
        {
          action: existing ? 'staff.updated' : 'staff.added',
          actor: { kind: 'terminal' },
          terminalId: by.terminalId,
          pharmacyId: by.pharmacyId,
          subject: { type: 'staff', id: input.rpps },
          data: { role: input.role, codeChanged: input.code !== undefined, by: by.role },
        },
        m,
      );
    });
    return this.view(row);
  }

  /** Removes a person from the registry, and from every terminal they were the operator of. Audited. */
  async remove(pharmacyId: string, rpps: string, by: Principal): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.rows.delete(m, pharmacyId, rpps)))
        throw new CoreException('STAFF_UNKNOWN', CORE_DETAILS.STAFF_UNKNOWN.rpps({ rpps }));
      await this.audit.append(
        {
          action: 'staff.removed',
          actor: { kind: 'terminal' },
          terminalId: by.terminalId,
          pharmacyId: by.pharmacyId,
          subject: { type: 'staff', id: rpps },
          data: { by: by.role },
        },
        m,
      );
    });
  }

  /**
   * Checks a person's personal code: 403 OPERATOR_CODE_INVALID when wrong (or none set), and after
   * MAX_FAILED_CODES wrong ones 429 OPERATOR_LOCKED for LOCK_MS. Each check is counted before scrypt runs,
   * so that codes sent in parallel cannot try more than MAX_FAILED_CODES between two locks.
   */
  async checkCode(pharmacyId: string, rpps: string, code: string | undefined): Promise<void> {
    const stored = await this.db.transaction(async (m) => {
      const row = await this.rows.findForUpdate(m, pharmacyId, rpps);
      if (!row) throw unknownOperator(rpps);
      if (!row.codeHash) throw codeInvalid(CORE_DETAILS.OPERATOR_CODE_INVALID.noCode());
      if (code === undefined) throw codeInvalid(CORE_DETAILS.OPERATOR_CODE_INVALID.codeRequired());
      const now = this.clock.now().getTime();
      const lockedUntil = row.lockedUntil ? new Date(row.lockedUntil).getTime() : 0;
      if (lockedUntil > now) throw locked(lockedUntil - now);
      const failed = lockedUntil ? 0 : row.failedCodes; // a lock that has run out starts a new count
      if (failed >= MAX_FAILED_CODES) throw locked(1000); // as many checks still running
      await this.rows.update(m, pharmacyId, rpps, { failedCodes: failed + 1, lockedUntil: null });
      return row.codeHash;
    });
    const good = await verifyPersonalCode(code!, stored);
    const locks = await this.db.transaction(async (m) => {
      const row = await this.rows.findForUpdate(m, pharmacyId, rpps);
      if (!row) return false;
      if (good) {
        await this.rows.update(m, pharmacyId, rpps, { failedCodes: 0, lockedUntil: null });
        return false;
      }
      const now = this.clock.now();
      if (row.failedCodes < MAX_FAILED_CODES || (row.lockedUntil && new Date(row.lockedUntil) > now)) {
        return false;
      }
      const until = new Date(now.getTime() + LOCK_MS);
      await this.rows.update(m, pharmacyId, rpps, { lockedUntil: until });
      await this.audit.append(
        {
          action: 'staff.code.locked',
          actor: { kind: 'system' },
          subject: { type: 'staff', id: rpps },
          data: { failedCodes: row.failedCodes, lockedMinutes: LOCK_MS / 60_000 },
        },
        m,
      );
      return true;
    });
    if (good) return;
    if (locks) this.logger.warn({ rpps }, 'staff member locked out after wrong personal codes');
    throw codeInvalid(CORE_DETAILS.OPERATOR_CODE_INVALID.wrong());
  }

  private async row(
    pharmacyId: string,
    input: StaffInput,
    existing: StaffEntity | null,
  ): Promise<StaffEntity> {
    const codeChanged = input.code !== undefined;
    return {
      pharmacyId,
      rpps: input.rpps,
      lastName: input.lastName,
      firstName: input.firstName,
      role: input.role,
      codeHash: codeChanged ? await hashPersonalCode(input.code!) : (existing?.codeHash ?? null),
      failedCodes: codeChanged ? 0 : (existing?.failedCodes ?? 0),
      lockedUntil: codeChanged ? null : (existing?.lockedUntil ?? null),
      updatedAt: this.clock.now(),
    };
  }

  private view(row: StaffEntity): StaffView {
    const view: StaffView = { ...member(row), hasCode: !!row.codeHash };
    const until = row.lockedUntil ? new Date(row.lockedUntil) : undefined;
    if (until && until > this.clock.now()) view.lockedUntil = until.toISOString();
    return view;
  }
}

function member(row: StaffEntity): StaffMember {
  return { rpps: row.rpps, lastName: row.lastName, firstName: row.firstName, role: row.role };
}

export function unknownOperator(rpps: string): CoreException {
  return new CoreException('OPERATOR_UNKNOWN', CORE_DETAILS.OPERATOR_UNKNOWN.rpps({ rpps }));
}

function codeInvalid(detail: Text): CoreException {
  return new CoreException('OPERATOR_CODE_INVALID', detail);
}

function locked(remainingMs: number): CoreException {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new CoreException(
    'OPERATOR_LOCKED',
    CORE_DETAILS.OPERATOR_LOCKED.locked({ minutes: Math.ceil(seconds / 60) }),
    { extra: { retryAfterSeconds: seconds } },
  );
}
