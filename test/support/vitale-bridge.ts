// For the bridge's specs (unit, over FakePcscLite; hardware, over pcscd): events recorded, waits with a bound.
import type { EventEmitter } from 'node:events';
import { FakePcscLite } from '../../devices/sim/fake-pcsclite';
import type { PcscBridgeOptions, VitaleBridge, VitaleBridgeEvents } from '../../devices/vitale/bridge.types';
import { PcscBridge } from '../../devices/vitale/pcsc-bridge';
import { until } from './until';

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
    return until(
      () => events.slice(from).find((r) => r.name === name && match(r.event as VitaleBridgeEvents[N][0])),
      { what: `a matching ${name} event`, timeoutMs: ms, everyMs: 2, detail: () => `saw: ${summary(from)}` },
    ).then((hit) => hit.event as VitaleBridgeEvents[N][0]);
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
