import type { EntityManager } from 'typeorm';
import type { Database } from '../core/database/database';
import { GroupCommit } from './group-commit';

/** A lock whose transactions are recorded; a work that throws rolls its transaction back. */
function fakeLock() {
  const transactions: string[][] = [];
  let gate: Promise<void> = Promise.resolve();
  const lock = {
    transaction: async <T>(work: (m: EntityManager) => Promise<T>): Promise<T> => {
      await gate;
      const writes: string[] = [];
      const m = { write: (s: string) => writes.push(s) } as unknown as EntityManager;
      const result = await work(m);
      transactions.push(writes);
      return result;
    },
  } as unknown as Database;
  return {
    lock,
    transactions,
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => release();
    },
  };
}

const write = (s: string) => async (m: EntityManager) => {
  (m as unknown as { write(s: string): void }).write(s);
  if (s.startsWith('bad')) throw new Error(`refused ${s}`);
  return s.toUpperCase();
};

describe('GroupCommit', () => {
  it('writes submitted while a transaction runs share the next one, results in order', async () => {
    const f = fakeLock();
    const release = f.hold();
    const commits = new GroupCommit(f.lock);
    const first = commits.run(write('a'));
    const rest = [commits.run(write('b')), commits.run(write('c')), commits.run(write('d'))];
    release();
    expect(await first).toBe('A');
    expect(await Promise.all(rest)).toEqual(['B', 'C', 'D']);
    await commits.idle();
    expect(f.transactions).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('a failing write fails alone: its batch is replayed one write per transaction', async () => {
    const f = fakeLock();
    const release = f.hold();
    const commits = new GroupCommit(f.lock);
    const first = commits.run(write('a'));
    const batch = [commits.run(write('b')), commits.run(write('bad-c')), commits.run(write('d'))];
    release();
    await first;
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('refused bad-c');
    // The failed batch's transaction rolled back (never recorded); b and d were then committed alone.
    expect(f.transactions).toEqual([['a'], ['b'], ['d']]);
  });

  it('idle() waits for everything submitted', async () => {
    const f = fakeLock();
    const commits = new GroupCommit(f.lock);
    void commits.run(write('x'));
    void commits.run(write('y'));
    await commits.idle();
    expect(f.transactions.flat()).toEqual(['x', 'y']);
  });
});
