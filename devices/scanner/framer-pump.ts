import type { Framer, FramerEvent } from './types';

// The framer stays pure; the live side (clock, idle timer) lives here and `stop()` leaves no timer.
export class FramerPump {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly framer: Framer,
    private readonly clock: () => number,
    private readonly deliver: (event: FramerEvent) => void,
  ) {}

  feed(chunk: Buffer): void {
    this.framer.push(chunk, this.clock()).forEach(this.deliver);
    this.arm();
  }

  reset(): void {
    this.stop();
    this.framer.reset();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    this.stop();
    const idle = this.framer.idleTimeoutMs;
    if (!this.framer.pending || idle === undefined) return;
    // The timer, not the clock, decides idleness: a pinned test clock must still see frames end.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.framer.flush(this.clock(), true).forEach(this.deliver);
    }, idle);
  }
}
