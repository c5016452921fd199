import { VitaleCardModel } from '../../../../devices/sim/vitale-card-model';
import { FakePcscLite } from '../../../../devices/sim/fake-pcsclite';
import type { DeviceLogger } from '../../../../devices/scanner/types';
import { PcscBridge } from '../../../../devices/vitale/pcsc-bridge';
import type { VitaleBridge } from '../../../../devices/vitale/bridge.types';
import {
  CardReaderHandlers,
  CardReadersFactory,
  CardReadersPort,
  SimulatedCardContent,
} from '../card-readers.port';

/** Readers through the PC/SC bridge: real pcscd (`pcsc`), or the same bridge over a fake pcsclite (`sim`). */
export class BridgeCardReaders extends CardReadersPort {
  private constructor(
    readonly driver: 'pcsc' | 'sim',
    private readonly bridge: VitaleBridge,
    private readonly fake?: FakePcscLite,
  ) {
    super();
  }

  static pcsc(logger: DeviceLogger): BridgeCardReaders {
    return new BridgeCardReaders('pcsc', new PcscBridge({ logger }));
  }

  /** The bridge's own code path over a fake pcsclite: what `npm start` runs without pcscd. */
  static sim(readers: string[], logger: DeviceLogger): BridgeCardReaders {
    const fake = new FakePcscLite(readers);
    const bridge = new PcscBridge({ loadPcsc: () => fake.factory, daemonProbe: fake.probe, logger });
    return new BridgeCardReaders('sim', bridge, fake);
  }

  start(h: CardReaderHandlers): void {
    this.bridge.on('card-inserted', (e) => h.inserted(e.reader, e.holder));
    this.bridge.on('card-removed', (e) => h.removed(e.reader));
    this.bridge.on('status', (e) => {
      if (e.status === 'watching') h.status('connected');
      else if (e.status === 'pcscd-down' || e.status === 'closed') h.status('disconnected', e.error?.code);
      else if (e.status === 'unavailable') h.status('error', e.error?.code);
    });
    // A card that reads badly is the card's problem, not the reader's: reported, the reader stays up.
    this.bridge.on('error', (e) => h.cardError(e.reader, e.error.code));
    this.bridge.start();
  }

  async close(): Promise<void> {
    this.bridge.removeAllListeners();
    await this.bridge.close();
  }

  exchange(reader: string, apdus: Buffer[], timeoutMs: number): Promise<Buffer[]> {
    return this.bridge.withCard(
      reader,
      async (transmit) => {
        const out: Buffer[] = [];
        for (const apdu of apdus) out.push(await transmit(apdu));
        return out;
      },
      { timeoutMs },
    );
  }

  override async simulate(reader: string, card: SimulatedCardContent | undefined): Promise<void> {
    if (!this.fake) throw new Error('not a simulated reader');
    this.fake.remove(reader);
    if (card) this.fake.insert(reader, new VitaleCardModel(card));
  }
}

export class BridgeCardReadersFactory extends CardReadersFactory {
  pcsc(logger: DeviceLogger): CardReadersPort {
    return BridgeCardReaders.pcsc(logger);
  }

  sim(readers: string[], logger: DeviceLogger): CardReadersPort {
    return BridgeCardReaders.sim(readers, logger);
  }
}
