import { AsyncLocalStorage } from 'node:async_hooks';
import { SqliteQueryRunner } from 'typeorm/driver/sqlite/SqliteQueryRunner';

/**
 * TypeORM's SQLite driver runs every statement of the process on one connection through one shared query
 * runner. So a statement issued by anyone while a transaction is open *joins that transaction*: it is
 * rolled back with it, and lost if the process dies before the commit, although its caller was already
 * told it was done (seen in the outbox crash test: a dispensation opened, answered, then gone). The gate
 * closes that: while a transaction is open, writes from outside it wait for its end; writes issued one
 * by one outside any transaction run one at a time, each its own autocommit.
 *
 * Reads pass: a read cannot be lost, and making reads wait could deadlock — a transaction that awaits a
 * look-up another request started first (the referential cache shares concurrent first reads) would wait
 * on a read that waits on the transaction. The price is that a read made during someone's transaction may
 * see its rows before they commit, as before the gate.
 *
 * "Inside" is the async context the transaction was started from: `WriteLock` starts every transaction
 * of the service inside `inTransactionContext`. A transaction TypeORM starts on its own (migrations at
 * boot, `repository.save()` outside the lock, the referential import) is owned by the contexts that have
 * none; the service avoids those while it serves requests.
 */
const context = new AsyncLocalStorage<object>();
/** Statements that only read (a `WITH` that writes is not written anywhere here). */
const READ = /^\s*(SELECT|EXPLAIN)\b/i;
const ANONYMOUS = {};

interface Gate {
  tail: Promise<void>;
  holder?: object;
  release?: () => void;
}

const gates = new WeakMap<object, Gate>();

function gateOf(runner: object): Gate {
  let gate = gates.get(runner);
  if (!gate) {
    gate = { tail: Promise.resolve() };
    gates.set(runner, gate);
  }
  return gate;
}

/** Waits for the statements and transactions queued before, and returns the release of this turn. */
function acquire(gate: Gate): Promise<() => void> {
  let release!: () => void;
  const turn = new Promise<void>((resolve) => (release = resolve));
  const previous = gate.tail;
  gate.tail = previous.then(() => turn);
  return previous.then(() => release);
}

/** Runs `work` as the owner of the transactions it starts (WriteLock's entry point). */
export function inTransactionContext<T>(work: () => Promise<T>): Promise<T> {
  return context.run({}, work);
}

type Runner = SqliteQueryRunner & { isTransactionActive: boolean; transactionDepth: number };

let installed = false;

/** Patches the SQLite query runner once per process; idempotent. */
export function installConnectionGate(): void {
  if (installed) return;
  installed = true;
  const proto = SqliteQueryRunner.prototype as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const query = proto.query;
  const start = proto.startTransaction;
  const commit = proto.commitTransaction;
  const rollback = proto.rollbackTransaction;

  const end = (runner: Runner, force = false) => {
    const gate = gateOf(runner);
    if (runner.isTransactionActive && !force) return;
    const release = gate.release;
    gate.holder = undefined;
    gate.release = undefined;
    release?.();
  };

  proto.query = async function (this: Runner, ...args: unknown[]) {
    const gate = gateOf(this);
    const me = context.getStore() ?? ANONYMOUS;
    if (gate.holder !== undefined && gate.holder === me) return query.apply(this, args);
    if (typeof args[0] === 'string' && READ.test(args[0])) return query.apply(this, args);
    const release = await acquire(gate);
    try {
      return await query.apply(this, args);
    } finally {
      release();
    }
  };

  proto.startTransaction = async function (this: Runner, ...args: unknown[]) {
    const gate = gateOf(this);
    const me = context.getStore() ?? ANONYMOUS;
    if (this.isTransactionActive && gate.holder === me) return start.apply(this, args); // a savepoint
    const release = await acquire(gate);
    gate.holder = me;
    gate.release = release;
    try {
      return await start.apply(this, args);
    } catch (error) {
      end(this, true);
      throw error;
    }
  };

  proto.commitTransaction = async function (this: Runner, ...args: unknown[]) {
    try {
      return await commit.apply(this, args);
    } finally {
      end(this);
    }
  };

  proto.rollbackTransaction = async function (this: Runner, ...args: unknown[]) {
    const outermost = this.transactionDepth <= 1;
    try {
      return await rollback.apply(this, args);
    } finally {
      end(this, outermost);
    }
  };
}
