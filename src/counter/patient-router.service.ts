import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Pharmacies } from '../core/config/pharmacies';
import type { CardHolderRecord } from '../../devices/vitale/card-holder';
import type { DispensationEntity } from '../dispensation/dispensation.entity';
import { DispensationService } from '../dispensation/dispensation.service';
import { issue, Issue } from '../dispensation/issue';
import { compareIns, findPatientOnCard } from '../patient/identity-match';
import { CARD_INSERTED, CardInsertedEvent } from '../patient/patient.events';
import { PatientService } from '../patient/patient.service';
import { EventsService } from '../core/events/events.service';
import { DISPENSABLE, PrescriptionSearchService } from '../prescription/prescription-search.service';
import { PrescriptionService } from '../prescription/prescription.service';
import type { PrescriptionView } from '../prescription/prescription.view';
import type { Ins } from '../scan/parsers';
import { NO_OPEN_DISPENSATION, SESAM_VITALE_NOT_CONFIGURED } from './routing-warnings';
import { SCAN_RECEIVED, ScanReceivedEvent, ScanRouting } from '../scan/scan.events';

/** The card (holder or a beneficiary) against the prescription's patient: a mismatch blocks, never passes. */
export function cardIssues(card: CardHolderRecord, p: PrescriptionView): Issue[] {
  if (findPatientOnCard([card.holder, ...card.beneficiaries], p.patient)) return [];
  return [issue('PATIENT_MISMATCH', { source: 'card' })];
}

/** The INS DataMatrix against the prescription's patient: the differing fields, never their values. */
export function insIssues(ins: Ins, p: PrescriptionView): Issue[] {
  const fields = compareIns(ins, p.patient);
  if (fields.length === 0) return [];
  return [issue('PATIENT_MISMATCH', { source: 'ins', fields })];
}

/** The OID of an INS that is a NIR (ANS, Référentiel INS): a card holder's own NIR. */
export const NIR_OID = '1.2.250.1.213.1.4.8';

type ReadIns = NonNullable<DispensationEntity['patientIns']>;

/**
 * The qualified INS a card gives, when its holder is the prescription's patient and the card carries the
 * holder's full NIR (with its key). A beneficiary's NIR is not on the card.
 */
export function insFromCard(card: CardHolderRecord, p: PrescriptionView): ReadIns | undefined {
  const holder = card.holder;
  if (!holder.nir || holder.nir.length !== 15 || findPatientOnCard([holder], p.patient) !== holder)
    return undefined;
  return { matricule: holder.nir, oid: NIR_OID, source: 'vitale' };
}

/** Attaches the patient identified at a terminal (card, INS DataMatrix) to its open dispensation. */
@Injectable()
export class PatientRouter implements OnModuleDestroy {
  private readonly logger = new Logger('counter');

  /** Listings in flight, awaited at shutdown. */
  private readonly listing = new Set<Promise<void>>();

  constructor(
    private readonly dispensations: DispensationService,
    private readonly prescriptions: PrescriptionService,
    private readonly patients: PatientService,
    private readonly searches: PrescriptionSearchService,
    private readonly events: EventsService,
    private readonly pharmacies: Pharmacies,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.listing]);
  }

  @OnEvent(CARD_INSERTED)
  async cardInserted(event: CardInsertedEvent): Promise<void> {
    // Off the card's path: the teleservice's answer never delays the card's attachment.
    const listed: Promise<void> = this.listOpenPrescriptions(event).finally(() =>
      this.listing.delete(listed),
    );
    this.listing.add(listed);
    const attached = await this.identify(event.terminalId, (p) => ({
      issues: cardIssues(event.holder, p),
      ins: insFromCard(event.holder, p),
    }));
    if (attached) this.logger.log({ dispensationId: attached.id, match: attached.match }, 'card attached');
  }

  /**
   * API.md: a card read at a terminal publishes `patient-prescriptions` with the open prescriptions of its
   * holder and beneficiaries, searched by last name and birth date (the card's first-name field may hold
   * several names; the NIR is the holder's only).
   */
  private async listOpenPrescriptions(event: CardInsertedEvent): Promise<void> {
    const people = [
      { role: 'holder' as const, person: event.holder.holder },
      ...event.holder.beneficiaries.map((person) => ({ role: 'beneficiary' as const, person })),
    ];
    try {
      const found = await Promise.all(
        people.map(async ({ role, person }) => ({
          role,
          lastName: person.lastName,
          firstName: person.firstNames.join(' '),
          birthDate: person.birthDate,
          prescriptions: (
            await this.searches.search(this.pharmacies.resolve(undefined, event.terminalId), {
              lastName: person.lastName,
              birthDate: person.birthDate,
            })
          ).filter((p) => DISPENSABLE.has(p.status)),
        })),
      );
      this.events.publish('patient-prescriptions', { people: found }, event.terminalId);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'UNEXPECTED';
      this.logger.warn({ terminalId: event.terminalId, code }, 'open prescriptions not listed');
      this.events.publish('patient-prescriptions', { people: [], error: { code } }, event.terminalId);
    }
  }

  @OnEvent(SCAN_RECEIVED)
  async scanned(event: ScanReceivedEvent): Promise<ScanRouting | undefined> {
    const { scan, terminalId } = event;
    if (scan.kind === 'apcv') return { warnings: [SESAM_VITALE_NOT_CONFIGURED] };
    if (scan.kind !== 'ins') return undefined;
    const attached = await this.identify(terminalId, (p) => {
      const issues = insIssues(scan.parsed, p);
      const { matricule, oid } = scan.parsed;
      // An INS DataMatrix is printed from a qualified identity: matched with the prescription, it is sent.
      const ins: ReadIns | undefined = issues.length
        ? undefined
        : { matricule, oid, source: 'ins-datamatrix' };
      return { issues, ins };
    });
    return attached ? { sessionId: attached.id } : { warnings: [NO_OPEN_DISPENSATION] };
  }

  /**
   * A patient identified at a terminal (card, INS), against its open dispensation's prescription: the
   * dispensation's PATIENT_MISMATCH issues become what `issuesFor` finds. Nothing when none is open.
   */
  private async identify(
    terminalId: string,
    read: (p: PrescriptionView) => { issues: Issue[]; ins?: ReadIns },
  ): Promise<{ id: string; match: boolean } | undefined> {
    const d = await this.dispensations.openOnTerminal(terminalId);
    if (!d) return undefined;
    const { issues, ins } = read(await this.dispensations.prescriptionOf(d));
    await this.dispensations.replaceIssues(d, 'PATIENT_MISMATCH', issues, ins);
    return { id: d.id, match: issues.length === 0 };
  }

  /** Issues to open a dispensation with, when a card is already in the terminal's reader. */
  openingIssues(terminalId: string, p: PrescriptionView): Issue[] {
    const card = this.patients.cardOn(terminalId);
    return card ? cardIssues(card, p) : [];
  }
}
