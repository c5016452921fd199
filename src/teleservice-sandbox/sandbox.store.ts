import { join } from 'node:path';
import type {
  Acknowledgement,
  DeliveredLine,
  ExecutionKind,
  PharmacyRef,
  Prescription,
} from '../prescription/teleservice/teleservice.types';
import { createPrivateFile } from '../core/files/private-files';
import type { SetStatus } from './sandbox.rules';
import { SqliteDb } from './sqlite';

export const SANDBOX_DB_FILE = 'teleservice-sandbox.sqlite';

/** A seed once validated: ids assigned, defaults filled. */
export type StoredSeed = Omit<Prescription, 'status' | 'executions'> & { expiresAt: string };

export interface StoredRecord {
  prescriptionId: string;
  pharmacyKey: string;
  pharmacy: PharmacyRef;
  sequence: number;
  kind: ExecutionKind;
  date: string;
  lines: DeliveredLine[];
  payload: unknown;
  payloadHash: string;
  ack: Acknowledgement;
  receivedAt: string;
  cancelled: boolean;
  source: 'soap' | 'admin';
}

/** One execution-kind call as received, retries and refusals included (API.md ledger). */
export interface LedgerEntry {
  pharmacy: PharmacyRef | null;
  sequence: number | null;
  kind: ExecutionKind;
  receivedAt: string;
  accepted: boolean;
  duplicate: boolean;
  conflict: boolean;
  fault?: string;
  /** Sandbox extension: the business fault code answered, when refused. */
  error?: string;
  payload: unknown;
}

// Each entry upgrades the schema by one version; PRAGMA user_version records where a file stands.
const MIGRATIONS = [
  `CREATE TABLE prescriptions (
     id TEXT PRIMARY KEY, seed TEXT NOT NULL, qr TEXT NOT NULL, inserted_at TEXT NOT NULL);
   CREATE TABLE records (
     prescription_id TEXT NOT NULL REFERENCES prescriptions(id) ON DELETE CASCADE,
     pharmacy_key TEXT NOT NULL, pharmacy TEXT NOT NULL, sequence INTEGER NOT NULL, kind TEXT NOT NULL,
     date TEXT NOT NULL, lines TEXT NOT NULL, payload TEXT NOT NULL, payload_hash TEXT NOT NULL,
     ack TEXT NOT NULL, received_at TEXT NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL,
     PRIMARY KEY (prescription_id, pharmacy_key, sequence));
   CREATE TABLE ledger (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     prescription_id TEXT NOT NULL REFERENCES prescriptions(id) ON DELETE CASCADE,
     pharmacy TEXT, sequence INTEGER, kind TEXT NOT NULL, received_at TEXT NOT NULL,
     accepted INTEGER NOT NULL, duplicate INTEGER NOT NULL, conflict INTEGER NOT NULL,
     fault TEXT, error TEXT, payload TEXT);
   CREATE INDEX ledger_by_prescription ON ledger (prescription_id, id);`,
  // 2: a status the prescriber or the base set (cancelled, expired), and when.
  `ALTER TABLE prescriptions ADD COLUMN status TEXT;
   ALTER TABLE prescriptions ADD COLUMN status_at TEXT;`,
];

/** A stored prescription: its seed, QR payload, and the status set on it, if any. */
export interface StoredPrescription {
  seed: StoredSeed;
  qr: string;
  status?: SetStatus;
}

interface PrescriptionRow {
  seed: string;
  qr: string;
  status: SetStatus | null;
}

const toStored = (r: PrescriptionRow): StoredPrescription => ({
  seed: JSON.parse(r.seed) as StoredSeed,
  qr: r.qr,
  ...(r.status ? { status: r.status } : {}),
});

interface RecordRow {
  prescription_id: string;
  pharmacy_key: string;
  pharmacy: string;
  sequence: number;
  kind: ExecutionKind;
  date: string;
  lines: string;
  payload: string;
  payload_hash: string;
  ack: string;
  received_at: string;
  cancelled: number;
  source: 'soap' | 'admin';
}

interface LedgerRow {
  pharmacy: string | null;
  sequence: number | null;
  kind: ExecutionKind;
  received_at: string;
  accepted: number;
  duplicate: number;
  conflict: number;
  fault: string | null;
  error: string | null;
  payload: string | null;
}

/** The sandbox's own SQLite file: prescriptions, recorded execution-kind calls, and the ledger. */
export class SandboxStore {
  private constructor(private readonly db: SqliteDb) {}

  static async open(dataDir: string): Promise<SandboxStore> {
    const file = join(dataDir, SANDBOX_DB_FILE);
    createPrivateFile(file); // 0600, and so its WAL: the sandbox's prescriptions name patients too
    const db = await SqliteDb.open(file);
    await db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
    );
    const row = await db.get<{ user_version: number }>('PRAGMA user_version');
    const version = row?.user_version ?? 0;
    if (version > MIGRATIONS.length) {
      await db.close();
      throw new Error(`sandbox database schema ${version} is newer than this code (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v += 1) {
      await db.transaction(async () => {
        await db.exec(MIGRATIONS[v]);
        await db.exec(`PRAGMA user_version = ${v + 1}`);
      });
    }
    return new SandboxStore(db);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async countPrescriptions(): Promise<number> {
    return (await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM prescriptions'))?.n ?? 0;
  }

  async insertPrescription(seed: StoredSeed, qr: string, at: string): Promise<void> {
    await this.db.run('INSERT INTO prescriptions (id, seed, qr, inserted_at) VALUES (?, ?, ?, ?)', [
      seed.prescriptionId,
      JSON.stringify(seed),
      qr,
      at,
    ]);
  }

  async getPrescription(id: string): Promise<StoredPrescription | undefined> {
    const row = await this.db.get<PrescriptionRow>(
      'SELECT seed, qr, status FROM prescriptions WHERE id = ?',
      [id],
    );
    return row ? toStored(row) : undefined;
  }

  async listPrescriptions(): Promise<StoredPrescription[]> {
    const rows = await this.db.all<PrescriptionRow>(
      'SELECT seed, qr, status FROM prescriptions ORDER BY inserted_at, id',
    );
    return rows.map(toStored);
  }

  /** As the prescriber (cancelled) or the base (expired) would set it. */
  async setStatus(id: string, status: SetStatus, at: string): Promise<void> {
    await this.db.run('UPDATE prescriptions SET status = ?, status_at = ? WHERE id = ?', [status, at, id]);
  }

  async records(prescriptionId: string): Promise<StoredRecord[]> {
    const rows = await this.db.all<RecordRow>(
      'SELECT * FROM records WHERE prescription_id = ? ORDER BY received_at, rowid',
      [prescriptionId],
    );
    return rows.map((r) => ({
      prescriptionId: r.prescription_id,
      pharmacyKey: r.pharmacy_key,
      pharmacy: JSON.parse(r.pharmacy) as PharmacyRef,
      sequence: r.sequence,
      kind: r.kind,
      date: r.date,
      lines: JSON.parse(r.lines) as DeliveredLine[],
      payload: JSON.parse(r.payload) as unknown,
      payloadHash: r.payload_hash,
      ack: JSON.parse(r.ack) as Acknowledgement,
      receivedAt: r.received_at,
      cancelled: r.cancelled === 1,
      source: r.source,
    }));
  }

  async insertRecord(r: StoredRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO records (prescription_id, pharmacy_key, pharmacy, sequence, kind, date, lines, payload,
         payload_hash, ack, received_at, cancelled, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.prescriptionId,
        r.pharmacyKey,
        JSON.stringify(r.pharmacy),
        r.sequence,
        r.kind,
        r.date,
        JSON.stringify(r.lines),
        JSON.stringify(r.payload),
        r.payloadHash,
        JSON.stringify(r.ack),
        r.receivedAt,
        r.cancelled ? 1 : 0,
        r.source,
      ],
    );
  }

  async markCancelled(prescriptionId: string, pharmacyKey: string, sequence: number): Promise<void> {
    await this.db.run(
      'UPDATE records SET cancelled = 1 WHERE prescription_id = ? AND pharmacy_key = ? AND sequence = ?',
      [prescriptionId, pharmacyKey, sequence],
    );
  }

  async appendLedger(prescriptionId: string, e: LedgerEntry): Promise<void> {
    await this.db.run(
      `INSERT INTO ledger (prescription_id, pharmacy, sequence, kind, received_at, accepted, duplicate, conflict,
         fault, error, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        prescriptionId,
        e.pharmacy ? JSON.stringify(e.pharmacy) : null,
        e.sequence,
        e.kind,
        e.receivedAt,
        e.accepted ? 1 : 0,
        e.duplicate ? 1 : 0,
        e.conflict ? 1 : 0,
        e.fault ?? null,
        e.error ?? null,
        e.payload === undefined ? null : JSON.stringify(e.payload),
      ],
    );
  }

  async ledger(prescriptionId: string): Promise<LedgerEntry[]> {
    const rows = await this.db.all<LedgerRow>('SELECT * FROM ledger WHERE prescription_id = ? ORDER BY id', [
      prescriptionId,
    ]);
    return rows.map((r) => ({
      pharmacy: r.pharmacy ? (JSON.parse(r.pharmacy) as PharmacyRef) : null,
      sequence: r.sequence,
      kind: r.kind,
      receivedAt: r.received_at,
      accepted: r.accepted === 1,
      duplicate: r.duplicate === 1,
      conflict: r.conflict === 1,
      ...(r.fault ? { fault: r.fault } : {}),
      ...(r.error ? { error: r.error } : {}),
      payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
    }));
  }

  async reset(): Promise<void> {
    await this.db.exec('DELETE FROM ledger; DELETE FROM records; DELETE FROM prescriptions;');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
