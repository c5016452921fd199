import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { Database } from '../core/database/database';
import { Pharmacies } from '../core/config/pharmacies';
import { HealthRegistry } from '../core/health/health-registry';
import { PrescriptionException } from './prescription.exception';
import { PrescriptionRepository } from './prescription.repository';
import { PrescriptionView, toPrescriptionView } from './prescription.view';
import { normalizeTrait } from './identity-traits';
import type { Patient, Prescription } from './teleservice/teleservice.types';
import { TeleservicePort } from './teleservice/teleservice.port';
import { PRESCRIPTION_DETAILS } from './error-messages';

/** A patient as an index key: a hash, so that no name or birth date is stored twice in clear. */
export function patientKey(p: Patient): string {
  const identity = [normalizeTrait(p.lastName), normalizeTrait(p.firstName), p.birthDate].join('|');
  return createHash('sha256').update(identity).digest('hex');
}

const ID = /^[A-Za-z0-9]{1,64}$/;

/** A prescription just read from the teleservice, not stored yet. */
export interface FetchedPrescription {
  /** The pharmacy that fetched it: its copy. */
  pharmacyId: string;
  prescriptionId: string;
  data: Prescription;
  retrievedAt: Date;
  view: PrescriptionView;
}

/** Fetches prescriptions from the teleservice and keeps the last copy of each. */
@Injectable()
export class PrescriptionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrescriptionService.name);

  constructor(
    private readonly teleservice: TeleservicePort,
    private readonly db: Database,
    private readonly prescriptions: PrescriptionRepository,
    private readonly health: HealthRegistry,
    @Inject(Clock) private readonly clock: Clock,
    private readonly pharmacies: Pharmacies,
  ) {}

  onApplicationBootstrap(): void {
    this.health.register({
      name: 'teleservice',
      critical: false,
      check: async () => {
        const h = await this.teleservice.ping();
        return { status: h.status === 'up' ? 'up' : 'down', detail: h };
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.teleservice.close();
  }

  /** Fetches the prescription now and keeps its copy; errors are PrescriptionExceptions (404, 503, 409). */
  async retrieve(pharmacyId: string, prescriptionId: string): Promise<PrescriptionView> {
    const fetched = await this.fetch(pharmacyId, prescriptionId);
    await this.db.transaction((m) => this.storeIn(m, fetched));
    return fetched.view;
  }

  /**
   * Fetches the prescription from the teleservice without writing anything: the caller keeps the copy with
   * `storeIn`, in its own transaction (the counter writes the scan, the copy and the dispensation at once).
   */
  async fetch(pharmacyId: string, prescriptionId: string): Promise<FetchedPrescription> {
    if (!ID.test(prescriptionId)) {
      throw new PrescriptionException(
        'PRESCRIPTION_UNKNOWN',
        PRESCRIPTION_DETAILS.PRESCRIPTION_UNKNOWN.badId(),
      );
    }
    const data = await this.teleservice.as(this.pharmacies.identity(pharmacyId)).consult(prescriptionId);
    const retrievedAt = this.clock.now();
    this.logger.log({ prescriptionId, lines: data.lines.length }, 'prescription retrieved');
    return {
      pharmacyId,
      prescriptionId,
      data,
      retrievedAt,
      view: toPrescriptionView(data, this.ownFiness(pharmacyId), retrievedAt),
    };
  }

  /** Keeps the last copy of a fetched prescription, in the caller's transaction (one statement). */
  async storeIn(m: EntityManager, fetched: FetchedPrescription): Promise<void> {
    const { pharmacyId, prescriptionId, data, retrievedAt } = fetched;
    await this.prescriptions.save(m, {
      pharmacyId,
      prescriptionId,
      data,
      retrievedAt,
      patientKey: patientKey(data.patient),
      prescriberRpps: data.prescriber.rpps,
    });
  }

  /** The patient's other prescriptions Comptoir has retrieved (stored copies), for « chevauchement interdit ». */
  async othersOfPatient(
    pharmacyId: string,
    p: Pick<Prescription, 'prescriptionId' | 'patient'>,
  ): Promise<Prescription[]> {
    const rows = await this.prescriptions.othersOfPatient(
      this.db.reader,
      pharmacyId,
      patientKey(p.patient),
      p.prescriptionId,
    );
    return rows.map((r) => r.data);
  }

  /** The stored copy, or undefined when Comptoir has never retrieved it (nothing is fetched). */
  async stored(pharmacyId: string, prescriptionId: string): Promise<PrescriptionView | undefined> {
    const stored = await this.prescriptions.find(this.db.reader, pharmacyId, prescriptionId);
    return stored
      ? toPrescriptionView(stored.data, this.ownFiness(pharmacyId), stored.retrievedAt)
      : undefined;
  }

  /** The pharmacy's FINESS: what tells its own deliveries from others'. */
  ownFiness(pharmacyId: string): string {
    return this.pharmacies.get(pharmacyId).finess;
  }

  /** The pharmacy's stored copy, fetched first when it has never retrieved it. */
  async get(pharmacyId: string, prescriptionId: string): Promise<PrescriptionView> {
    const stored = await this.prescriptions.find(this.db.reader, pharmacyId, prescriptionId);
    if (!stored) return this.retrieve(pharmacyId, prescriptionId);
    return toPrescriptionView(stored.data, this.ownFiness(pharmacyId), stored.retrievedAt);
  }
}
