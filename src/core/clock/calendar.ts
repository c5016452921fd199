// The one calendar of Comptoir: `YYYY-MM-DD` arithmetic (API.md conventions) in UTC, so that no DST change
// ever moves a day, and the calendar day of an instant in a time zone (the pharmacy's, the sandbox's).
import { Clock } from './clock';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function toUtc(date: string): number {
  const m = DATE.exec(date);
  const [y, mo, d] = m ? [+m[1], +m[2], +m[3]] : [0, 0, 0];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const valid = m && mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && !leap ? 28 : DAYS_IN_MONTH[mo - 1]);
  if (!valid) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(y, mo - 1, d);
}

const fromUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * DAY_MS);

/** Whole days from `from` to `to` (0 on the same day, negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const d = new Date(toUtc(date));
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), last)));
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat costs about as much as a small query: one per time zone, kept. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The calendar day of an instant in a time zone (`2026-11-26T23:30Z` is 27 November in Paris). */
export function localDate(instant: Date | string, timeZone: string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  const parts = dayFormat(timeZone).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Milliseconds the zone is ahead of UTC at `at` (to the second). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a day (YYYY-MM-DD) starts in `timeZone` (DST-safe: refined once). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnightUtc = toUtc(date);
  const first = midnightUtc - zoneOffsetMs(new Date(midnightUtc), timeZone);
  return new Date(midnightUtc - zoneOffsetMs(new Date(first), timeZone));
}

/** An ISO 8601 date or instant as an instant; a bare date is the start of that day in `timeZone`. */
export function toInstant(value: string, timeZone: string): Date {
  return DATE.test(value) ? startOfLocalDay(value, timeZone) : new Date(value);
}

/** The default zone: `TZ` (API.md § Running), Europe/Paris when unset. */
export function defaultTimeZone(): string {
  return process.env.TZ || 'Europe/Paris';
}

/**
 * A pharmacy's calendar: its time zone (its `timeZone` in the configuration, else `TZ`, else Europe/Paris)
 * and the service clock; `Pharmacies.calendar(id)` holds one per pharmacy. Every day-based rule (dispensing
 * date, conditional windows, day filters) asks it.
 */
export class PharmacyCalendar {
  constructor(
    private readonly clock: Clock,
    readonly timeZone: string = defaultTimeZone(),
  ) {}

  /** The pharmacy's calendar day now. */
  today(): string {
    return localDate(this.clock.now(), this.timeZone);
  }

  /** The pharmacy's calendar day of an instant. */
  dayOf(instant: Date | string): string {
    return localDate(instant, this.timeZone);
  }

  /** The instant a pharmacy day starts. */
  startOf(date: string): Date {
    return startOfLocalDay(date, this.timeZone);
  }
}
