import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Not, Repository } from 'typeorm';
import { Clock } from '../core/clock/clock';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { HealthRegistry } from '../core/health/health-registry';
import { PrescriptionEntity } from './prescription.entity';
import { PrescriptionException } from './prescription.exception';
import { PrescriptionView, toPrescriptionView } from './prescription.view';
import { normalizeTrait } from './identity-traits';
import type { Patient, Prescription } from './teleservice/teleservice.types';
import { TeleservicePort } from './teleservice/teleservice.port';

/** A patient as an index key: a hash, so that no name or birth date is stored twice in clear. */
export function patientKey(p: Patient): string {
  const identity = [normalizeTrait(p.lastName), normalizeTrait(p.firstName), p.birthDate].join('|');
  return createHash('sha256').update(identity).digest('hex');
}

const ID = /^[A-Za-z0-9]{1,64}$/;

/** Fetches prescriptions from the teleservice and keeps the last copy of each. */
@Injectable()
export class PrescriptionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrescriptionService.name);

  constructor(
    private readonly teleservice: TeleservicePort,
    @InjectRepository(PrescriptionEntity) private readonly prescriptions: Repository<PrescriptionEntity>,
    private readonly health: HealthRegistry,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /** Fetches the prescription now; errors are PrescriptionExceptions (404 unknown, 503 unreachable, 409 refused). */
  async retrieve(prescriptionId: string): Promise<PrescriptionView> {
    if (!ID.test(prescriptionId)) {
      throw new PrescriptionException(
        'PRESCRIPTION_UNKNOWN',
        'a prescription ID is 1 to 64 letters and digits',
      );
    }
    const data = await this.teleservice.consult(prescriptionId);
    const retrievedAt = this.clock.now();
    // One statement (save() would SELECT first): the retrieval path is on the counter's critical path.
    await this.prescriptions.upsert(
      {
        prescriptionId,
        data,
        retrievedAt,
        patientKey: patientKey(data.patient),
        prescriberRpps: data.prescriber.rpps,
      },
      ['prescriptionId'],
    );
    this.logger.log({ prescriptionId, lines: data.lines.length }, 'prescription retrieved');
    return toPrescriptionView(data, this.config.pharmacy.finess, retrievedAt);
  }

  /** The patient's other prescriptions Comptoir has retrieved (stored copies), for « chevauchement interdit ». */
  async othersOfPatient(p: Pick<Prescription, 'prescriptionId' | 'patient'>): Promise<Prescription[]> {
    const rows = await this.prescriptions.find({
      where: { patientKey: patientKey(p.patient), prescriptionId: Not(p.prescriptionId) },
      order: { retrievedAt: 'DESC' },
      take: 200,
    });
    return rows.map((r) => r.data);
  }

  /** The stored copy, fetched first when Comptoir has never seen it. */
  async get(prescriptionId: string): Promise<PrescriptionView> {
    const stored = await this.prescriptions.findOneBy({ prescriptionId });
    if (!stored) return this.retrieve(prescriptionId);
    return toPrescriptionView(stored.data, this.config.pharmacy.finess, stored.retrievedAt);
  }
}
