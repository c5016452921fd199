import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import type { PharmacyConfig } from '../../core/config/config.schema';
import { Pharmacies } from '../../core/config/pharmacies';
import { CoreException } from '../../core/errors/core.exception';
import { addDays, daysBetween, localDate, startOfLocalDay } from '../../core/clock/calendar';
import {
  DASHBOARD_STATUSES,
  executionsElsewhere,
  prescriptionStatus,
  type DashboardStatus,
} from './dashboard-status';
import { dashboardCsv } from './dashboard-csv';
import { DashboardReader, type PrescriptionRows } from './dashboard.reader';
import type { DashboardDay, DashboardItem, DashboardQuery, DashboardResponse } from './dto/dashboard.dto';
import { BACK_OFFICE_DETAILS } from '../error-messages';

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
export const MAX_ITEMS = 500;
const OPEN_REJECTION = new Set(['new', 'in-progress']);

const latest = (dates: Date[]): Date => new Date(Math.max(...dates.map((d) => new Date(d).getTime())));

/** The back-office dashboard (API.md § Back office): one status per prescription, backlog, daily series. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly reader: DashboardReader,
    @Inject(Clock) private readonly clock: Clock,
    private readonly pharmacies: Pharmacies,
  ) {}

  /** The pharmacy's dashboard, on its calendar days. */
  async dashboard(
    pharmacyId: string,
    query: DashboardQuery,
    maxItems = MAX_ITEMS,
  ): Promise<DashboardResponse> {
    const tz = this.pharmacies.calendar(pharmacyId).timeZone;
    const { from, to } = this.range(query, tz);
    const start = startOfLocalDay(from, tz);
    const end = startOfLocalDay(addDays(to, 1), tz);
    const ids = await this.reader.activeIn(pharmacyId, start, end);
    const all = toItems(await this.reader.rowsOf(pharmacyId, ids), this.pharmacies.get(pharmacyId)).filter(
      (i) => new Date(i.updatedAt) < end,
    );
    const counts = Object.fromEntries(DASHBOARD_STATUSES.map((s) => [s, 0])) as Record<
      DashboardStatus,
      number
    >;
    for (const item of all) counts[item.status] += 1;
    const items = all
      .filter((i) => !query.status || i.status === query.status)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, maxItems);
    return {
      from,
      to,
      counts,
      items,
      backlog: await this.reader.backlog(pharmacyId),
      deliveredElsewhere: all.filter((i) => i.executionsElsewhere > 0).length,
      series: seriesOf(all, from, to, tz),
    };
  }

  /** The list of `dashboard(query)` (every item, not only the first 500) as a CSV file, and its name. */
  async csv(pharmacyId: string, query: DashboardQuery): Promise<{ file: string; name: string }> {
    const { from, to, items } = await this.dashboard(pharmacyId, query, Infinity);
    return {
      file: dashboardCsv(items, this.pharmacies.calendar(pharmacyId).timeZone),
      name: `comptoir-ordonnances-${from}-${to}.csv`,
    };
  }

  /** Defaults to the last 30 days up to today (pharmacy time zone); 400 when the range is backwards or too long. */
  private range(query: DashboardQuery, tz: string): { from: string; to: string } {
    const to =
      query.to ?? (query.from ? addDays(query.from, DEFAULT_DAYS - 1) : localDate(this.clock.now(), tz));
    const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    const days = daysBetween(from, to) + 1;
    if (days < 1)
      throw new CoreException('VALIDATION_FAILED', BACK_OFFICE_DETAILS.VALIDATION_FAILED.rangeReversed());
    if (days > MAX_DAYS)
      throw new CoreException(
        'VALIDATION_FAILED',
        BACK_OFFICE_DETAILS.VALIDATION_FAILED.rangeTooLong({ maxDays: MAX_DAYS }),
      );
    return { from, to };
  }
}

/**
 * The prescriptions of `counts`, day by day: each on the day of its last activity, under its status. The
 * chart draws these, so its series add up to the counters over the same range (issue 20).
 */
export function seriesOf(items: DashboardItem[], from: string, to: string, tz: string): DashboardDay[] {
  const days = new Map<string, DashboardDay>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.set(d, {
      date: d,
      ...(Object.fromEntries(DASHBOARD_STATUSES.map((st) => [st, 0])) as Record<DashboardStatus, number>),
    });
  }
  for (const item of items) {
    const day = days.get(localDate(new Date(item.updatedAt), tz));
    if (day) day[item.status] += 1;
  }
  return [...days.values()];
}

/** One item per prescription from its rows (exported for tests). */
export function toItems(rows: PrescriptionRows, own: Pick<PharmacyConfig, 'finess' | 'am'>): DashboardItem[] {
  const ids = new Set(
    [...rows.prescriptions, ...rows.dispensations, ...rows.outbox].map((r) => r.prescriptionId),
  );
  const by = <T extends { prescriptionId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of list) map.set(r.prescriptionId, [...(map.get(r.prescriptionId) ?? []), r]);
    return (id: string) => map.get(id) ?? [];
  };
  const [pOf, dOf, oOf, iOf, rOf] = [
    by(rows.prescriptions),
    by(rows.dispensations),
    by(rows.outbox),
    by(rows.invoices),
    by(rows.rejections),
  ];
  return [...ids].map((prescriptionId) => {
    const [p] = pOf(prescriptionId);
    const dispensations = dOf(prescriptionId).sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt));
    const current = dispensations.find((d) => d.status !== 'cancelled');
    const outbox = oOf(prescriptionId);
    const open = rOf(prescriptionId)
      .filter((r) => OPEN_REJECTION.has(r.status))
      .sort((a, b) => +new Date(b.receivedAt) - +new Date(a.receivedAt));
    const status = prescriptionStatus({
      parked: outbox.some((o) => o.status === 'parked'),
      openRejection: open.length > 0,
      latestDispensation: current?.status,
    });
    const updatedAt = latest([
      ...(p ? [p.retrievedAt] : []),
      ...dispensations.map((d) => d.updatedAt),
      ...outbox.map((o) => o.updatedAt),
      ...iOf(prescriptionId).map((i) => i.createdAt),
      ...rOf(prescriptionId).map((r) => r.updatedAt),
    ]);
    const item: DashboardItem = {
      prescriptionId,
      status,
      updatedAt: updatedAt.toISOString(),
      executionsElsewhere: executionsElsewhere(p?.data.executions, own),
    };
    if (current) {
      item.dispensationId = current.id;
      item.terminalId = current.terminalId;
      item.renewalNumber = current.renewalNumber;
    }
    if (open[0]) item.rejectionId = open[0].id;
    return item;
  });
}
