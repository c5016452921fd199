// For the bridge's specs (unit, over FakePcscLite; hardware, over pcscd): events recorded, waits with a bound.
import type { EventEmitter } from 'node:events';
import { FakePcscLite } from '../../devices/sim/fake-pcsclite';
import type { PcscBridgeOptions, VitaleBridge, VitaleBridgeEvents } from '../../devices/vitale/bridge.types';
import { PcscBridge } from '../../devices/vitale/pcsc-bridge';

export type EventName = keyof VitaleBridgeEvents;
export type Recorded = { name: EventName; event: VitaleBridgeEvents[EventName][0]; at: number };
const NAMES: EventName[] = [
  'reader-added',
  'reader-removed',
  'card-inserted',
  'card-removed',
  'status',
  'error',
];

/** Records every event of `bridge`; `next()` finds the first matching one from an index, waiting up to `ms`. */
export function recordBridge(bridge: VitaleBridge, defaultMs = 2000) {
  const events: Recorded[] = [];
  for (const name of NAMES) {
    (bridge as unknown as EventEmitter).on(name, (event: Recorded['event']) =>
      events.push({ name, event, at: Date.now() }),
    );
  }
  const summary = (from = 0): string =>
    events
      .slice(from)
      .map((r) => `${r.name}${'reader' in r.event && r.event.reader ? `(${r.event.reader})` : ''}`)
      .join(' ');

  function next<N extends EventName>(
    name: N,
    match: (e: VitaleBridgeEvents[N][0]) => boolean = () => true,
    from = events.length,
    ms = defaultMs,
  ): Promise<VitaleBridgeEvents[N][0]> {
    const deadline = Date.now() + ms;
    return new Promise((resolve, reject) => {
      const poll = (): void => {
        const hit = events
          .slice(from)
          .find((r) => r.name === name && match(r.event as VitaleBridgeEvents[N][0]));
        if (hit) resolve(hit.event as VitaleBridgeEvents[N][0]);
        else if (Date.now() > deadline)
          reject(new Error(`no matching ${name} event in ${ms} ms; saw: ${summary(from)}`));
        else setTimeout(poll, 2);
      };
      poll();
    });
  }
  return { events, next, summary };
}

export function bridgeOverFake(options: Partial<PcscBridgeOptions> = {}, readers = ['Reader A', 'Reader B']) {
  const pcsc = new FakePcscLite(readers);
  const bridge = new PcscBridge({
    loadPcsc: () => pcsc.factory,
    daemonProbe: pcsc.probe,
    backoff: { initialDelayMs: 5, maxDelayMs: 20 },
    removalGraceMs: 100,
    ...options,
  });
  return { pcsc, bridge, ...recordBridge(bridge) };
}
