import { addDays } from '../core/clock/calendar';
import type { PrescriptionSeed, SearchCriteria } from '../prescription/teleservice/teleservice.types';
import type { FaultConfig, FaultInjector } from './fault-injector';
import { encodePrescriptionQr } from '../scan/parsers/prescription-qr.parser';
import { qrPng } from './qr';
import type { ExecutionRecorder } from './sandbox.executions';
import { defaultExpiry, prescriptionStatus, sandboxDay, toRecordedExecution } from './sandbox.rules';
import { SCENARIO_NAMES, scenario, type ScenarioName } from './sandbox.scenarios';
import type { SandboxStore, StoredSeed } from './sandbox.store';
import { hasCriterion, searchPrescriptions } from './sandbox.search';
import {
  faultsSchema,
  foreignExecutionSchema,
  seedSchema,
  statusSchema,
  toPharmacyRef,
  validate,
} from './seed.schema';

export interface AdminResponse {
  status: number;
  json: unknown;
}

/** The other pharmacy of the scenarios' deliveries made elsewhere. */
const SCENARIO_NEIGHBOUR = { finess: '990000029', name: 'Pharmacie voisine' };

const problem = (status: number, code: string, detail: string): AdminResponse => ({
  status,
  json: { status, code, detail },
});

/** The sandbox's admin JSON API (API.md "Teleservice sandbox"). */
export class SandboxAdmin {
  private generated = 0;

  constructor(
    private readonly store: SandboxStore,
    private readonly executions: ExecutionRecorder,
    private readonly faults: FaultInjector,
    private readonly now: () => Date,
  ) {}

  async handle(
    method: string,
    path: string,
    body: unknown,
    query: URLSearchParams = new URLSearchParams(),
  ): Promise<AdminResponse> {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const route = `${method} ${parts
      .slice(1)
      .map((p, i) => (i === 1 ? ':id' : p))
      .join('/')}`;
    switch (route) {
      case 'POST prescriptions':
        return this.seed(body);
      case 'GET prescriptions':
        return this.list(query);
      case 'GET prescriptions/:id':
        return this.show(parts[2]);
      case 'POST prescriptions/:id/executions':
        return this.foreignExecution(parts[2], body);
      case 'POST prescriptions/:id/status':
        return this.setStatus(parts[2], body);
      case 'POST faults':
        return this.configureFaults(body);
      case 'GET faults':
        return { status: 200, json: this.faults.current() };
      case 'POST scenarios/:id':
        return this.scenario(parts[2]);
      case 'POST reset':
        await this.store.reset();
        this.faults.configure({ mode: 'none', rate: 0 });
        return { status: 200, json: { status: 'reset' } };
      default:
        return problem(404, 'NOT_FOUND', `no route ${method} ${path}`);
    }
  }

  /** Validates, normalises and stores a seed; used by the API and to load the demo prescriptions. */
  async seed(body: unknown): Promise<AdminResponse> {
    const checked = validate(seedSchema, body);
    if (!checked.ok) return problem(400, 'INVALID_SEED', checked.message);
    const seed = await this.normalise(checked.value as PrescriptionSeed);
    if (await this.store.getPrescription(seed.prescriptionId)) {
      return problem(409, 'PRESCRIPTION_EXISTS', `prescription ${seed.prescriptionId} already exists`);
    }
    const qr = encodePrescriptionQr(seed);
    await this.store.insertPrescription(seed, qr, this.now().toISOString());
    return { status: 201, json: { prescriptionId: seed.prescriptionId, qr, qrPng: await qrPng(qr) } };
  }

  private async normalise(seed: PrescriptionSeed): Promise<StoredSeed> {
    const createdAt = seed.createdAt ?? sandboxDay(this.now());
    const taken = new Set(seed.lines.map((l) => l.lineId).filter((id): id is string => id !== undefined));
    let next = 1;
    const lines = seed.lines.map((line) => {
      if (line.lineId !== undefined) return { ...line, lineId: line.lineId };
      while (taken.has(String(next))) next += 1;
      taken.add(String(next));
      return { ...line, lineId: String(next) };
    });
    return {
      prescriptionId: seed.prescriptionId ?? (await this.newId()),
      createdAt,
      expiresAt: seed.expiresAt ?? defaultExpiry(createdAt),
      prescriber: seed.prescriber,
      patient: seed.patient,
      consentExecutionView: seed.consentExecutionView ?? true,
      lines,
    };
  }

  /** YYYYMMDDhhmmss (local time) + 4 digits, as API.md says. */
  private async newId(): Promise<string> {
    const at = this.now();
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
    for (;;) {
      this.generated = (this.generated + 1) % 10_000;
      const id = `${stamp}${pad(this.generated, 4)}`;
      if (!(await this.store.getPrescription(id))) return id;
    }
  }

  /** Every prescription, or API.md's search (`?nir=&ins=&lastName=&firstName=&birthDate=`) when one is given. */
  private async list(query: URLSearchParams): Promise<AdminResponse> {
    const criteria: SearchCriteria = { limit: 100 };
    const given = (name: string) => query.get(name)?.trim() || undefined;
    const nir = given('nir');
    const ins = given('ins');
    if (nir) criteria.patientNir = nir;
    if (ins) criteria.patientIns = ins;
    if (given('lastName')) criteria.patientLastName = given('lastName');
    if (given('firstName')) criteria.patientFirstName = given('firstName');
    if (given('birthDate')) criteria.patientBirthDate = given('birthDate');
    const today = sandboxDay(this.now());
    if (hasCriterion(criteria) || criteria.patientFirstName) {
      return { status: 200, json: { items: await searchPrescriptions(this.store, criteria, today) } };
    }
    const items = [];
    for (const { seed, status: set } of await this.store.listPrescriptions()) {
      const status = prescriptionStatus(seed, await this.store.records(seed.prescriptionId), today, set);
      items.push({
        prescriptionId: seed.prescriptionId,
        createdAt: seed.createdAt,
        status,
        lineCount: seed.lines.length,
      });
    }
    return { status: 200, json: { items } };
  }

  /** API.md: `{status: "cancelled"|"expired"}`, as the prescriber or the base would set it. */
  private async setStatus(id: string, body: unknown): Promise<AdminResponse> {
    const found = await this.store.getPrescription(id);
    if (!found) return problem(404, 'PRESCRIPTION_UNKNOWN', `no prescription ${id}`);
    const checked = validate(statusSchema, body);
    if (!checked.ok) return problem(400, 'INVALID_STATUS', checked.message);
    await this.store.setStatus(id, checked.value.status, this.now().toISOString());
    return this.show(id);
  }

  private async show(id: string): Promise<AdminResponse> {
    const found = await this.store.getPrescription(id);
    if (!found) return problem(404, 'PRESCRIPTION_UNKNOWN', `no prescription ${id}`);
    const records = await this.store.records(id);
    return {
      status: 200,
      json: {
        ...found.seed,
        status: prescriptionStatus(found.seed, records, sandboxDay(this.now()), found.status),
        qr: found.qr,
        executions: records.map(toRecordedExecution),
        ledger: await this.store.ledger(id),
      },
    };
  }

  private async foreignExecution(id: string, body: unknown): Promise<AdminResponse> {
    const found = await this.store.getPrescription(id);
    if (!found) return problem(404, 'PRESCRIPTION_UNKNOWN', `no prescription ${id}`);
    const checked = validate(foreignExecutionSchema, body);
    if (!checked.ok) return problem(400, 'INVALID_EXECUTION', checked.message);
    const known = new Set(found.seed.lines.map((l) => l.lineId));
    const unknown = checked.value.lines.filter((l) => !known.has(l.lineId)).map((l) => l.lineId);
    if (unknown.length > 0)
      return problem(400, 'INVALID_EXECUTION', `lines: unknown lineId ${unknown.join(', ')}`);
    const { pharmacy, lines, date } = checked.value;
    const record = await this.executions.recordForeign(id, toPharmacyRef(pharmacy), lines, date);
    return { status: 201, json: toRecordedExecution(record) };
  }

  /** `POST /sandbox/scenarios/:name`: the prescriptions of one hard case, seeded (sandbox.scenarios.ts). */
  private async scenario(name: string): Promise<AdminResponse> {
    if (!(SCENARIO_NAMES as readonly string[]).includes(name)) {
      return problem(404, 'SCENARIO_UNKNOWN', `no scenario ${name}; known: ${SCENARIO_NAMES.join(', ')}`);
    }
    const known = name as ScenarioName;
    const today = sandboxDay(this.now());
    const daysAgo = (n: number) => addDays(today, -n);
    const prescriptions = [];
    for (const p of scenario(known, daysAgo)) {
      const created = await this.seed(p.seed);
      if (created.status !== 201) return created;
      const { prescriptionId, qr, qrPng } = created.json as {
        prescriptionId: string;
        qr: string;
        qrPng: string;
      };
      for (const e of p.elsewhere ?? []) {
        await this.executions.recordForeign(prescriptionId, SCENARIO_NEIGHBOUR, e.lines, e.date);
      }
      if (p.status) await this.store.setStatus(prescriptionId, p.status, this.now().toISOString());
      prescriptions.push({ prescriptionId, qr, qrPng, note: p.note });
    }
    return { status: 201, json: { scenario: known, prescriptions } };
  }

  private configureFaults(body: unknown): AdminResponse {
    const checked = validate(faultsSchema, body);
    if (!checked.ok) return problem(400, 'INVALID_FAULTS', checked.message);
    this.faults.configure(checked.value as FaultConfig);
    return { status: 200, json: this.faults.current() };
  }
}
