import {
  addDays,
  addMonths,
  daysBetween,
  localDate,
  PharmacyCalendar,
  startOfLocalDay,
  toInstant,
} from './calendar';
import { FixedClock } from './clock';

describe('calendar', () => {
  it.each([
    ['2026-11-20', 6, '2026-11-26'],
    ['2026-02-27', 2, '2026-03-01'],
    ['2026-03-28', 1, '2026-03-29'], // DST starts in Paris on 29 March 2026: still one day
    ['2026-10-25', -1, '2026-10-24'],
  ])('addDays(%s, %d) = %s', (d, n, out) => expect(addDays(d, n)).toBe(out));

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-20', 12, '2027-11-20'],
    ['2026-12-15', 3, '2027-03-15'],
  ])('addMonths(%s, %d) = %s', (d, n, out) => expect(addMonths(d, n)).toBe(out));

  it('counts days across a DST change', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-30', '2026-10-24')).toBe(-6);
  });

  it.each([
    ['2026-11-26T22:59:59Z', '2026-11-26'], // 23:59:59 in Paris (UTC+1)
    ['2026-11-26T23:00:00Z', '2026-11-27'], // midnight in Paris
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 in Paris (UTC+2)
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-03-29T00:30:00+01:00', '2026-03-29'],
    ['2026-10-25T02:30:00+01:00', '2026-10-25'], // the repeated hour of the October change
  ])('localDate(%s) in Europe/Paris is %s', (at, day) => expect(localDate(at, 'Europe/Paris')).toBe(day));

  it('follows the configured zone (an overseas pharmacy)', () => {
    expect(localDate('2026-11-27T02:00:00Z', 'America/Martinique')).toBe('2026-11-26');
  });

  it.each(['2026-02-30', '20261120', 'x'])('refuses %s', (d) =>
    expect(() => addDays(d, 1)).toThrow(RangeError),
  );
});

describe('startOfLocalDay', () => {
  it.each([
    ['2026-11-23', 'Europe/Paris', '2026-11-22T23:00:00.000Z'],
    ['2026-07-14', 'Europe/Paris', '2026-07-13T22:00:00.000Z'],
    ['2026-03-29', 'Europe/Paris', '2026-03-28T23:00:00.000Z'], // DST starts at 02:00 that day
    ['2026-10-25', 'Europe/Paris', '2026-10-24T22:00:00.000Z'], // DST ends at 03:00 that day
    ['2026-11-23', 'America/Martinique', '2026-11-23T04:00:00.000Z'],
    ['2026-11-23', 'Indian/Reunion', '2026-11-22T20:00:00.000Z'],
    ['2026-11-23', 'Pacific/Noumea', '2026-11-22T13:00:00.000Z'],
    ['2026-11-23', 'UTC', '2026-11-23T00:00:00.000Z'],
  ])('%s in %s starts at %s', (date, tz, want) => expect(startOfLocalDay(date, tz).toISOString()).toBe(want));
});

describe('toInstant', () => {
  it('reads a date as the start of the pharmacy day and an instant as itself', () => {
    expect(toInstant('2026-11-28', 'Europe/Paris').toISOString()).toBe('2026-11-27T23:00:00.000Z');
    expect(toInstant('2026-11-28T08:00:00+01:00', 'Europe/Paris').toISOString()).toBe(
      '2026-11-28T07:00:00.000Z',
    );
  });
});

describe('PharmacyCalendar', () => {
  it("tells the pharmacy's day in its own zone, not Paris's", () => {
    const clock = new FixedClock(new Date('2026-11-27T02:00:00Z'));
    expect(new PharmacyCalendar(clock, 'Europe/Paris').today()).toBe('2026-11-27');
    expect(new PharmacyCalendar(clock, 'America/Martinique').today()).toBe('2026-11-26');
    expect(new PharmacyCalendar(clock, 'Pacific/Noumea').dayOf('2026-11-26T12:30:00Z')).toBe('2026-11-26');
    expect(new PharmacyCalendar(clock, 'Pacific/Noumea').dayOf('2026-11-26T13:30:00Z')).toBe('2026-11-27');
  });
});
