export type FaultMode = 'latency' | 'timeout' | 'reset' | 'malformed' | 'http500' | 'soap-fault' | 'none';

export interface FaultConfig {
  mode: FaultMode;
  rate: number;
  latencyMs?: number;
  seed?: number;
}

/** mulberry32: tiny seeded PRNG, so a fault pattern replays identically from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides, per SOAP call, whether the configured fault applies. */
export class FaultInjector {
  private config: FaultConfig = { mode: 'none', rate: 0 };
  private random: () => number = mulberry32(1);

  configure(config: FaultConfig): void {
    this.config = { ...config };
    this.random = mulberry32(config.seed ?? 1);
  }

  current(): FaultConfig {
    return { ...this.config };
  }

  /** The fault to apply to this call, or undefined. */
  next(): { mode: Exclude<FaultMode, 'none'>; latencyMs: number } | undefined {
    const { mode, rate } = this.config;
    if (mode === 'none' || rate <= 0) return undefined;
    if (rate < 1 && this.random() >= rate) return undefined;
    return { mode, latencyMs: this.config.latencyMs ?? 1000 };
  }
}
