// Pharmacy-day boundaries (API.md: dates YYYY-MM-DD in the pharmacy's TZ) as instants, for SQL ranges.

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

/** The instant a pharmacy day (YYYY-MM-DD) starts in `timeZone` (DST-safe: refined once). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d);
  const first = midnightUtc - zoneOffsetMs(new Date(midnightUtc), timeZone);
  return new Date(midnightUtc - zoneOffsetMs(new Date(first), timeZone));
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO 8601 date or instant as an instant; a bare date is the start of that pharmacy day. */
export function toInstant(value: string, timeZone: string): Date {
  return DATE_ONLY.test(value) ? startOfLocalDay(value, timeZone) : new Date(value);
}
