// Card insertion → `card-inserted` through pcscd + vpcd with the TypeScript virtual card, split into pcscd's
// detection and the read itself, and the same read without pcscd (FakePcscLite) for the bridge's own cost.
import { performance } from 'node:perf_hooks';
import { FakePcscLite } from '../devices/sim/fake-pcsclite';
import { PcscdHarness } from '../devices/sim/pcscd-harness';
import { VirtualVitaleCard } from '../devices/sim/virtual-vitale-card';
import { VitaleCardModel } from '../devices/sim/vitale-card-model';
import { FAMILY_CARD } from '../devices/sim/vitale-fixtures';
import type { VitaleBridge } from '../devices/vitale/bridge.types';
import { PcscBridge } from '../devices/vitale/pcsc-bridge';
import { fmt, percentile, row } from './stats';

const READER = 'Virtual PCD 00 00';

function waitFor(
  bridge: VitaleBridge,
  name: 'card-inserted' | 'card-removed' | 'error',
  ms = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench: no ${name} in ${ms} ms`)), ms);
    const done = (): void => {
      clearTimeout(timer);
      bridge.off(name, done);
      resolve();
    };
    bridge.on(name, done);
  });
}

interface Sample {
  total: number;
  detection: number;
  read: number;
  apdus: number;
}

async function throughPcscd(insertions: number): Promise<Sample[]> {
  const harness = await PcscdHarness.start();
  const bridge = new PcscBridge({ readerFilter: (name) => name === READER });
  const card = new VirtualVitaleCard({ ...FAMILY_CARD, port: 35963 });
  let firstApdu = 0;
  const answer = card.model.transmit.bind(card.model);
  card.model.transmit = (apdu) => {
    firstApdu ||= performance.now();
    return answer(apdu);
  };
  const samples: Sample[] = [];
  try {
    bridge.start();
    for (let i = 0; i < insertions; i++) {
      // A person inserts the card at any point of pcscd's 400 ms presence poll, not right after it.
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      const inserted = waitFor(bridge, 'card-inserted');
      const before = card.model.apduCount;
      firstApdu = 0;
      const t0 = performance.now();
      await card.insert();
      await inserted;
      const t1 = performance.now();
      samples.push({
        total: t1 - t0,
        detection: firstApdu - t0,
        read: t1 - firstApdu,
        apdus: card.model.apduCount - before,
      });
      const removed = waitFor(bridge, 'card-removed');
      await card.remove();
      await removed;
    }
  } finally {
    await card.remove();
    await bridge.close();
    await harness.stop();
  }
  return samples;
}

async function inProcess(reads: number): Promise<number[]> {
  const pcsc = new FakePcscLite([READER]);
  const bridge = new PcscBridge({ loadPcsc: () => pcsc.factory, daemonProbe: pcsc.probe });
  bridge.start();
  await new Promise((r) => setTimeout(r, 20));
  const times: number[] = [];
  for (let i = 0; i < reads; i++) {
    const inserted = waitFor(bridge, 'card-inserted');
    const t0 = performance.now();
    pcsc.insert(READER, new VitaleCardModel(FAMILY_CARD));
    await inserted;
    times.push(performance.now() - t0);
    pcsc.remove(READER);
    await waitFor(bridge, 'card-removed');
  }
  await bridge.close();
  return times;
}

/** Insertion → card-holder event p50/p99 over `insertions` insertions (BENCH_VITALE_INSERTIONS, default 100). */
export async function benchVitale(
  insertions = Number(process.env.BENCH_VITALE_INSERTIONS ?? 100),
): Promise<string[]> {
  const samples = await throughPcscd(insertions);
  const local = await inProcess(Math.max(insertions, 200));
  const of = (pick: (s: Sample) => number, p: number): string => fmt(percentile(samples.map(pick), p), 0);
  const apdus = samples[0]?.apdus ?? 0;
  return [
    row(['measure', 'value']),
    row(['---', '---']),
    row([
      `card insertion → card-inserted, p50 (n=${samples.length}, pcscd + vpcd)`,
      `${of((s) => s.total, 50)} ms`,
    ]),
    row([`card insertion → card-inserted, p99`, `${of((s) => s.total, 99)} ms`]),
    row([
      'of which pcscd notices the card (insert → first APDU), p50 / p99',
      `${of((s) => s.detection, 50)} / ${of((s) => s.detection, 99)} ms`,
    ]),
    row([
      `of which the read (${apdus} APDUs, first APDU → event), p50 / p99`,
      `${of((s) => s.read, 50)} / ${of((s) => s.read, 99)} ms`,
    ]),
    row([
      'per APDU through pcscd + vpcd, p50',
      `${fmt(
        percentile(
          samples.map((s) => s.read / s.apdus),
          50,
        ),
        1,
      )} ms`,
    ]),
    row([
      `same read without pcscd (FakePcscLite), p50 / p99 (n=${local.length})`,
      `${fmt(percentile(local, 50), 2)} / ${fmt(percentile(local, 99), 2)} ms`,
    ]),
  ];
}
