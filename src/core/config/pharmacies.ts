import { Inject, Injectable } from '@nestjs/common';
import { defaultTimeZone, PharmacyCalendar } from '../clock/calendar';
import { Clock } from '../clock/clock';
import { CoreException } from '../errors/core.exception';
import { CORE_DETAILS } from '../errors/error-messages';
import type { AppConfig, PharmacyConfig } from './config.schema';
import { APP_CONFIG } from './config.tokens';

/** How the teleservice knows a pharmacy: its FINESS, and its AM number when it has one. */
export interface PharmacyIdentity {
  finess: string;
  am?: string;
  name: string;
}

/**
 * The pharmacies this deployment serves (`pharmacies:`, or the one `pharmacy:` block): who each is for the
 * teleservice, its terminals, its calendar. Every row carries a pharmacy id; this is where an id is turned
 * into the pharmacy's FINESS, AM number and time zone.
 */
@Injectable()
export class Pharmacies {
  private readonly byId = new Map<string, PharmacyConfig>();
  private readonly byTerminal = new Map<string, PharmacyConfig>();
  private readonly calendars = new Map<string, PharmacyCalendar>();

  constructor(@Inject(APP_CONFIG) config: AppConfig, clock: Clock) {
    for (const p of config.pharmacies) {
      this.byId.set(p.id, p);
      for (const t of p.terminals) this.byTerminal.set(t.id, p);
      this.calendars.set(p.id, new PharmacyCalendar(clock, p.timeZone ?? defaultTimeZone()));
    }
  }

  list(): PharmacyConfig[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The pharmacy of that id; a row or a principal always names a configured one. */
  get(id: string): PharmacyConfig {
    const p = this.byId.get(id);
    if (!p) throw new Error(`no pharmacy ${id} is configured`);
    return p;
  }

  /** The pharmacy a configured terminal belongs to (terminal ids are unique across the deployment). */
  ofTerminal(terminalId: string): PharmacyConfig | undefined {
    return this.byTerminal.get(terminalId);
  }

  /**
   * The pharmacy of a row being written: the one named, else the terminal's, else the only one configured.
   * With several pharmacies, a terminal no pharmacy lists is 404 TERMINAL_UNKNOWN, and a caller that names
   * neither is a bug, refused here rather than misfiled.
   */
  resolve(pharmacyId?: string, terminalId?: string | null): string {
    if (pharmacyId !== undefined) return pharmacyId;
    const owner = terminalId ? this.byTerminal.get(terminalId) : undefined;
    if (owner) return owner.id;
    if (this.byId.size === 1) return [...this.byId.keys()][0];
    if (terminalId) {
      throw new CoreException('TERMINAL_UNKNOWN', CORE_DETAILS.TERMINAL_UNKNOWN.unknown({ id: terminalId }));
    }
    throw new Error('which pharmacy? a row is written with neither a pharmacy nor a terminal');
  }

  /** Its FINESS, AM number and name, as the teleservice and the execution reports name it. */
  identity(id: string): PharmacyIdentity {
    const { finess, am, name } = this.get(id);
    return { finess, ...(am ? { am } : {}), name };
  }

  /** Its calendar day (its time zone, else `TZ`, else Europe/Paris). */
  calendar(id: string): PharmacyCalendar {
    const c = this.calendars.get(id);
    if (!c) throw new Error(`no pharmacy ${id} is configured`);
    return c;
  }
}
