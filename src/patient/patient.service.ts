import { deviceLogger } from '../core/logging/device-logger';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { CardHolderRecord } from '../../devices/vitale/card-holder';
import type { AppConfig } from '../core/config/config.schema';
import { APP_CONFIG } from '../core/config/config.tokens';
import { DeviceRegistry } from '../core/devices/device-registry';
import { EventsService } from '../core/events/events.service';
import { CardReadersFactory, CardReadersPort, SimulatedCardContent } from './card-reader/card-readers.port';
import { CARD_INSERTED, CardInsertedEvent } from './patient.events';
import { PatientException } from './patient.exception';
import { PATIENT_DETAILS } from './error-messages';

/** A demo card whose holder is the sandbox demo prescriptions' patient (ESSAI Alain, 1966-02-23). */
export const DEMO_CARD: SimulatedCardContent = {
  holder: { nir: '166026322000186', lastName: 'ESSAI', firstNames: ['ALAIN'], birthDate: '1966-02-23' },
  beneficiaries: [{ lastName: 'ESSAI', firstNames: ['LUCIE'], birthDate: '2012-07-30' }],
};

interface Slot {
  terminalId: string;
  deviceId: string;
  reader: string;
  readers: CardReadersPort;
}

/** The Carte Vitale readers of every terminal: what card is in which, told to the counter as events. */
@Injectable()
export class PatientService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('patient');
  private readonly drivers: CardReadersPort[] = [];
  private readonly slots: Slot[] = [];
  private readonly cards = new Map<string, CardHolderRecord>();
  /** The reader a card was last read in, for terminals bound to any reader. */
  private readonly lastReader = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: DeviceRegistry,
    private readonly events: EventsService,
    private readonly emitter: EventEmitter2,
    private readonly readersFactory: CardReadersFactory,
  ) {}

  onApplicationBootstrap(): void {
    const log = deviceLogger(this.logger);
    const sim = this.config.terminals.filter((t) => t.vitale.driver === 'sim');
    const pcsc = this.config.terminals.filter((t) => t.vitale.driver === 'pcsc');
    if (sim.length) {
      const names = sim.map((t) => t.vitale.reader ?? `Comptoir Sim Reader ${t.id}`);
      this.attach(
        this.readersFactory.sim(names, log),
        sim.map((t, i) => ({ terminalId: t.id, reader: names[i] })),
      );
    }
    if (pcsc.length) {
      // Without a reader name, a lone pcsc terminal takes whatever reader pcscd offers.
      const slots = pcsc.map((t) => ({ terminalId: t.id, reader: t.vitale.reader ?? '*' }));
      this.attach(this.readersFactory.pcsc(log), slots);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.drivers.map((d) => d.close()));
  }

  /** The card read at a terminal, or 404 CARD_ABSENT. */
  card(terminalId: string): CardHolderRecord {
    const card = this.cards.get(terminalId);
    if (!card) throw new PatientException('CARD_ABSENT', PATIENT_DETAILS.CARD_ABSENT.noCard({ terminalId }));
    return card;
  }

  /** The LGO's local API to the reader (API.md: the bridge owns the readers and serialises access). */
  async exchange(terminalId: string, apdus: Buffer[], timeoutMs: number): Promise<Buffer[]> {
    const slot = this.slots.find((s) => s.terminalId === terminalId);
    if (!slot)
      throw new PatientException(
        'CARD_READER_UNKNOWN',
        PATIENT_DETAILS.CARD_READER_UNKNOWN.noReader({ terminalId }),
      );
    const reader = slot.reader === '*' ? this.lastReader.get(terminalId) : slot.reader;
    if (!reader || !this.cards.has(terminalId))
      throw new PatientException('CARD_ABSENT', PATIENT_DETAILS.CARD_ABSENT.noCard({ terminalId }));
    try {
      return await slot.readers.exchange(reader, apdus, timeoutMs);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'UNKNOWN';
      throw new PatientException(
        'CARD_EXCHANGE_FAILED',
        PATIENT_DETAILS.CARD_EXCHANGE_FAILED.failed({ code }),
        {
          cause: err,
        },
      );
    }
  }

  cardOn(terminalId: string): CardHolderRecord | undefined {
    return this.cards.get(terminalId);
  }

  private attach(readers: CardReadersPort, wanted: { terminalId: string; reader: string }[]): void {
    this.drivers.push(readers);
    for (const w of wanted) {
      const slot: Slot = { ...w, deviceId: `${w.terminalId}-card-reader`, readers };
      this.slots.push(slot);
      this.registry.register(
        { id: slot.deviceId, kind: 'card-reader', driver: readers.driver, terminalId: w.terminalId },
        readers.simulate ? (data) => this.simulate(slot, data) : undefined,
      );
    }
    const slotOf = (reader: string) =>
      this.slots.find((s) => s.readers === readers && (s.reader === reader || s.reader === '*'));
    readers.start({
      inserted: (reader, holder) => {
        const slot = slotOf(reader);
        // Fire-and-forget from the driver's callback: a failing listener is logged, never unhandled.
        if (slot)
          void this.inserted(slot, reader, holder).catch((err: unknown) =>
            this.logger.error(
              { terminalId: slot.terminalId, code: (err as { code?: string }).code ?? (err as Error).name },
              'card-inserted listener failed',
            ),
          );
      },
      removed: (reader) => {
        const slot = slotOf(reader);
        if (!slot) return;
        this.cards.delete(slot.terminalId);
        this.events.publish('card-removed', { deviceId: slot.deviceId, reader }, slot.terminalId);
      },
      cardError: (reader, code) => {
        const slot = reader ? slotOf(reader) : undefined;
        this.logger.warn({ terminalId: slot?.terminalId, code }, 'card not read');
        if (slot)
          this.events.publish(
            'card-inserted',
            { deviceId: slot.deviceId, reader, error: { code } },
            slot.terminalId,
          );
      },
      status: (status, detail) => {
        for (const s of this.slots.filter((x) => x.readers === readers))
          this.registry.setStatus(s.deviceId, status);
        this.logger.log({ driver: readers.driver, status, detail }, 'card readers');
      },
    });
  }

  private async inserted(slot: Slot, reader: string, holder: CardHolderRecord): Promise<void> {
    this.registry.seen(slot.deviceId);
    this.cards.set(slot.terminalId, holder);
    this.lastReader.set(slot.terminalId, reader);
    this.logger.log({ terminalId: slot.terminalId, beneficiaries: holder.beneficiaries.length }, 'card read');
    this.events.publish('card-inserted', { deviceId: slot.deviceId, reader, holder }, slot.terminalId);
    const event: CardInsertedEvent = { terminalId: slot.terminalId, holder };
    await this.emitter.emitAsync(CARD_INSERTED, event);
  }

  /** Sandbox: `remove`, `demo`, or a card as JSON ({holder, beneficiaries}). */
  private async simulate(slot: Slot, data: string): Promise<void> {
    let card: SimulatedCardContent | undefined;
    if (data === 'remove') card = undefined;
    else if (data === 'demo') card = DEMO_CARD;
    else {
      try {
        card = JSON.parse(data) as SimulatedCardContent;
      } catch (err) {
        throw new PatientException('CARD_DATA_INVALID', PATIENT_DETAILS.CARD_DATA_INVALID.notJson(), {
          cause: err,
        });
      }
      if (
        !card?.holder?.lastName ||
        !Array.isArray(card.holder.firstNames) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(card.holder.birthDate ?? '')
      ) {
        throw new PatientException('CARD_DATA_INVALID', PATIENT_DETAILS.CARD_DATA_INVALID.holder());
      }
    }
    await slot.readers.simulate!(slot.reader, card);
  }
}
