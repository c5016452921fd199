// pcscd for tests and benches: reuses a running daemon, or starts one in the foreground as a child (PID 1 is
// not systemd here), and can kill and restart the one it started — never one it did not start.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { defaultPcscdSocket, probePcscdSocket } from '../vitale/pcsc-module';
import { VPCD_PORTS } from './virtual-vitale-card';

/** Options of the pcscd harness. */
export interface PcscdHarnessOptions {
  /** Default /usr/sbin/pcscd when present, else `pcscd` on PATH. */
  binary?: string;
  socketPath?: string;
  /** Readers to wait for after a start (default the two vpcd slots). */
  readers?: string[];
  /** Bound on start + readers showing up (default 8000 ms). */
  startTimeoutMs?: number;
  /** Run pcscd with --debug --apdu (its output is kept either way, see `output()`). */
  debug?: boolean;
}

const VPCD_CONFIG = '/etc/reader.conf.d/vpcd';
const MISSING = 'run scripts/hw-prereqs.sh (Debian pcscd, vsmartcard-vpcd, pcsc-tools)';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Lists pcscd's readers with pcsc_scan -r (pcsc-tools); [] when pcscd does not answer. */
export function listReaders(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('pcsc_scan', ['-r'], { timeout: 3000 }, (err, stdout) => {
      if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new Error(`pcsc_scan not found: ${MISSING}`));
        return;
      }
      resolve([...stdout.matchAll(/^\d+: (.+)$/gm)].map((m) => m[1].trim()));
    });
  });
}

export class PcscdHarness {
  private child?: ChildProcess;
  private lines: string[] = [];
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGKILL');
  };

  constructor(private readonly options: PcscdHarnessOptions = {}) {}

  static async start(options: PcscdHarnessOptions = {}): Promise<PcscdHarness> {
    const harness = new PcscdHarness(options);
    await harness.start();
    return harness;
  }

  /** True when this harness started the pcscd that runs now. */
  get owned(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.owned ? this.child!.pid : undefined;
  }

  /** pcscd's last output lines (only the daemon this harness started). */
  output(): string {
    return this.lines.join('\n');
  }

  get socketPath(): string {
    return this.options.socketPath ?? defaultPcscdSocket();
  }

  running(): Promise<boolean> {
    return probePcscdSocket(this.socketPath);
  }

  /** Starts pcscd unless one answers already, then waits for the readers. */
  async start(): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 8000;
    const deadline = Date.now() + timeoutMs;
    if (!(await this.running())) {
      if (!existsSync(VPCD_CONFIG)) throw new Error(`vpcd reader config ${VPCD_CONFIG} missing: ${MISSING}`);
      const binary = this.options.binary ?? (existsSync('/usr/sbin/pcscd') ? '/usr/sbin/pcscd' : 'pcscd');
      const args = ['--foreground', ...(this.options.debug ? ['--debug', '--apdu'] : [])];
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      process.once('exit', this.killOnExit);
      const keep = (chunk: Buffer): void => {
        this.lines.push(...chunk.toString().split('\n').filter(Boolean));
        this.lines = this.lines.slice(-200);
      };
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      const failed = new Promise<never>((_, reject) => {
        child.once('error', (err) => reject(new Error(`cannot run ${binary}: ${MISSING}`, { cause: err })));
        child.once('exit', (code) =>
          reject(new Error(`pcscd exited (${code}) while starting:\n${this.output()}`)),
        );
      });
      failed.catch(() => undefined);
      while (!(await Promise.race([this.running(), failed]))) {
        if (Date.now() > deadline)
          throw new Error(`pcscd did not open ${this.socketPath} in ${timeoutMs} ms`);
        await sleep(25);
      }
    }
    await this.waitForReaders(
      this.options.readers ?? Object.keys(VPCD_PORTS),
      Math.max(500, deadline - Date.now()),
    );
  }

  /** Waits until pcscd lists every reader in `names`. */
  async waitForReaders(names: string[], timeoutMs = 5000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const readers = await listReaders();
      if (names.every((n) => readers.includes(n))) return readers;
      if (Date.now() > deadline) {
        throw new Error(`pcscd lists [${readers.join(', ')}], not [${names.join(', ')}]: ${MISSING}`);
      }
      await sleep(50);
    }
  }

  /** Kills the pcscd this harness started (SIGKILL by default: a crash, its socket file left behind). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.owned) {
      throw new Error('this harness did not start the running pcscd; it will not kill it');
    }
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
    process.removeListener('exit', this.killOnExit);
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** Stops the pcscd this harness started (SIGTERM, then SIGKILL after 2 s); leaves any other one alone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.owned) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    process.removeListener('exit', this.killOnExit);
    this.child = undefined;
  }
}
