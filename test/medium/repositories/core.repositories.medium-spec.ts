import { SessionEntity } from '../../../src/core/auth/session.entity';
import { SessionRepository } from '../../../src/core/auth/session.repository';
import { IdempotencyKeyEntity } from '../../../src/core/idempotency/idempotency-key.entity';
import { IdempotencyRepository } from '../../../src/core/idempotency/idempotency.repository';
import { StaffEntity } from '../../../src/core/staff/staff.entity';
import { StaffRepository } from '../../../src/core/staff/staff.repository';
import { TerminalOperatorEntity } from '../../../src/core/terminals/terminal-operator.entity';
import { TerminalOperatorRepository } from '../../../src/core/terminals/terminal-operator.repository';
import { at, T0 } from '../../factories/rows';
import { openTestDatabase, TestDatabase, testEngine } from '../../support/database';

const person = (rpps: string, lastName: string, pharmacyId = 'default'): StaffEntity => ({
  pharmacyId,
  rpps,
  lastName,
  firstName: 'X',
  role: 'pharmacien',
  codeHash: null,
  failedCodes: 0,
  lockedUntil: null,
  updatedAt: T0,
});

describe(`core repositories on ${testEngine()}`, () => {
  let t: TestDatabase;
  const write = <T>(work: Parameters<typeof t.db.transaction<T>>[0]) => t.db.transaction(work);

  beforeEach(async () => {
    t = await openTestDatabase([IdempotencyKeyEntity, SessionEntity, StaffEntity, TerminalOperatorEntity]);
  });

  afterEach(() => t.close());

  it('IdempotencyRepository: one claim per key, answered, released, stale ones freed', async () => {
    const keys = new IdempotencyRepository();
    const k = (scopedKey: string, pharmacyId = 'default') => ({ pharmacyId, scopedKey });
    expect(await write((m) => keys.claim(m, k('c1:k'), 'h1', 'me'))).toBe(true);
    expect(await write((m) => keys.claim(m, k('c1:k'), 'h2', 'me'))).toBe(false);
    // Keys are per pharmacy: the same terminal name and key in another pharmacy is another key.
    expect(await write((m) => keys.claim(m, k('c1:k', 'south'), 'h3', 'me'))).toBe(true);
    expect((await keys.find(t.db.reader, k('c1:k', 'south')))?.requestHash).toBe('h3');
    await write((m) => keys.release(m, k('c1:k', 'south')));
    expect(await keys.find(t.db.reader, k('c1:k', 'south'))).toBeNull();
    expect(await keys.find(t.db.reader, k('c1:k'))).toMatchObject({
      requestHash: 'h1',
      state: 'in-progress',
      owner: 'me',
    });
    await write((m) =>
      keys.answer(m, k('c1:k'), { status: 201, body: '{"a":1}', contentType: 'application/json' }),
    );
    expect(await keys.find(t.db.reader, k('c1:k'))).toMatchObject({
      state: 'done',
      status: 201,
      body: '{"a":1}',
      owner: null,
    });
    // An answered key is not stale, whatever its age; an in-progress one older than the limit is.
    await write((m) => keys.releaseStale(m, k('c1:k'), new Date(Date.now() + 60_000)));
    expect(await keys.find(t.db.reader, k('c1:k'))).not.toBeNull();
    await write((m) => keys.claim(m, k('c1:j'), 'h', 'me'));
    await write((m) => keys.releaseStale(m, k('c1:j'), new Date(Date.now() - 60_000)));
    expect(await keys.find(t.db.reader, k('c1:j'))).not.toBeNull();
    await write((m) => keys.releaseStale(m, k('c1:j'), new Date(Date.now() + 60_000)));
    expect(await keys.find(t.db.reader, k('c1:j'))).toBeNull();
    // A key held by an instance that stopped beating is freed at once, young as it is.
    await write((m) => keys.claim(m, k('c1:h'), 'h', 'gone'));
    await write((m) => keys.releaseStale(m, k('c1:h'), new Date(Date.now() - 60_000), ['me']));
    expect(await keys.find(t.db.reader, k('c1:h'))).toBeNull();
    await write((m) => keys.claim(m, k('c1:g'), 'h', 'me'));
    await write((m) => keys.releaseStale(m, k('c1:g'), new Date(Date.now() - 60_000), ['me']));
    expect(await keys.find(t.db.reader, k('c1:g'))).not.toBeNull();
    await write((m) => keys.claim(m, k('c1:i'), 'h', 'me'));
    await write((m) => keys.release(m, k('c1:i')));
    expect(await keys.find(t.db.reader, k('c1:i'))).toBeNull();
    await write((m) => keys.claim(m, k('c2:a'), 'h', 'me'));
    await write((m) => keys.claim(m, k('c2:b'), 'h', 'me'));
    expect(await write((m) => keys.releaseInProgress(m))).toBe(3);
    expect(await keys.find(t.db.reader, k('c1:k'))).not.toBeNull();
  });

  it('SessionRepository: insert, find, extend, delete, prune the expired, count', async () => {
    const sessions = new SessionRepository();
    const row = (key: string, expiresAt: Date): SessionEntity => ({
      key,
      pharmacyId: 'default',
      terminalId: 'counter-1',
      role: 'counter',
      createdAt: T0,
      expiresAt,
    });
    await write(async (m) => {
      await sessions.insert(m, row('a', at(10)));
      await sessions.insert(m, row('b', at(1)));
    });
    expect(await sessions.find(t.db.reader, 'a')).toEqual(row('a', at(10)));
    await write((m) => sessions.extend(m, 'a', at(20)));
    expect((await sessions.find(t.db.reader, 'a'))?.expiresAt).toEqual(at(20));
    await write((m) => sessions.deleteExpired(m, at(5)));
    expect(await sessions.find(t.db.reader, 'b')).toBeNull();
    expect(await sessions.count(t.db.reader)).toBe(1);
    await write((m) => sessions.delete(m, 'a'));
    expect(await sessions.count(t.db.reader)).toBe(0);
  });

  it('StaffRepository: per pharmacy, seeded once, updated, locked for update, removed with their terminals', async () => {
    const staff = new StaffRepository();
    const operators = new TerminalOperatorRepository();
    expect(await write((m) => staff.insertIfMissing(m, person('10000000002', 'B')))).toBe(true);
    expect(await write((m) => staff.insertIfMissing(m, person('10000000002', 'Z')))).toBe(false);
    await write((m) => staff.upsert(m, person('10000000001', 'A')));
    await write((m) => staff.upsert(m, person('10000000001', 'A', 'other')));
    expect((await staff.list(t.db.reader, 'default')).map((s) => s.lastName)).toEqual(['A', 'B']);
    await write((m) => staff.upsert(m, { ...person('10000000001', 'AA'), codeHash: 'h' }));
    expect(await staff.find(t.db.reader, 'default', '10000000001')).toMatchObject({
      lastName: 'AA',
      codeHash: 'h',
    });
    await write(async (m) => {
      const row = await staff.findForUpdate(m, 'default', '10000000001');
      await staff.update(m, 'default', '10000000001', {
        failedCodes: row!.failedCodes + 1,
        lockedUntil: at(5),
      });
    });
    expect(await staff.find(t.db.reader, 'default', '10000000001')).toMatchObject({
      failedCodes: 1,
      lockedUntil: at(5),
    });
    await write((m) =>
      operators.set(m, {
        pharmacyId: 'default',
        terminalId: 'counter-1',
        rpps: '10000000001',
        updatedAt: T0,
      }),
    );
    await write((m) =>
      operators.set(m, {
        pharmacyId: 'default',
        terminalId: 'counter-1',
        rpps: '10000000001',
        updatedAt: at(1),
      }),
    );
    expect(await operators.find(t.db.reader, 'default', 'counter-1')).toMatchObject({ updatedAt: at(1) });
    expect(await write((m) => staff.delete(m, 'default', '10000000001'))).toBe(true);
    expect(await write((m) => staff.delete(m, 'default', '10000000001'))).toBe(false);
    expect(await operators.find(t.db.reader, 'default', 'counter-1')).toBeNull();
    expect(await staff.find(t.db.reader, 'other', '10000000001')).not.toBeNull();
  });
});
