import { startOfLocalDay, toInstant } from './local-day';

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
