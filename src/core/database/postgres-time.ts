import pg from 'pg';

/** `timestamp without time zone`: what TypeORM makes of a `Date` column on PostgreSQL. */
const TIMESTAMP_OID = 1114;

let done = false;

/**
 * Every instant is stored as UTC wall time on both engines (SQLite keeps TypeORM's UTC text). node-postgres
 * would otherwise write a Date in the process's time zone and read a timestamp back in it, so the same row
 * read by two instances with different TZ, or across a DST change, would move. Idempotent.
 */
export function usePostgresUtc(): void {
  if (done) return;
  done = true;
  pg.defaults.parseInputDatesAsUTC = true;
  pg.types.setTypeParser(TIMESTAMP_OID, (text: string) => new Date(`${text.replace(' ', 'T')}Z`));
}
