import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Suffix } from '../scanner/framing';
import { SerialScanner } from '../scanner/serial-scanner';
import { DEMO_SCANS } from './demo-scans';
import { VirtualSerialScanner } from './virtual-serial-scanner';

const HELP = `Virtual serial barcode scanner (socat pty pair) for integrators.

  node -r @swc-node/register devices/sim/virtual-scanner-cli.ts [--demo] [--loopback] [--suffix CR|LF|CRLF|none]

Prints the host-side port to point your software at, then types each line read from stdin as one scan
("<GS>" stands for the GS byte, a leading "]xN " for an AIM identifier). --demo types the demo codes first;
--loopback also reads the port with Comptoir's SerialScanner and prints each frame as JSON.
`;

const out = (line: string): boolean => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help')) {
    out(HELP);
    return;
  }
  const at = argv.indexOf('--suffix');
  const suffix = (at >= 0 ? argv[at + 1] : 'CR') as Suffix;
  if (!['CR', 'LF', 'CRLF', 'none'].includes(suffix))
    throw new Error(`--suffix must be CR, LF, CRLF or none`);
  const sim = await VirtualSerialScanner.start();
  out(`host port: ${sim.hostPath}`);
  const reader = argv.includes('--loopback')
    ? new SerialScanner({ path: sim.hostPath, framing: { suffix }, presenceCheckMs: 500 })
    : undefined;
  reader?.on('frame', (f) => out(JSON.stringify({ symbology: f.symbology?.id, data: f.data })));
  reader?.on('status', (s) => out(`scanner ${s}`));
  reader?.start();
  // Bytes typed before the port is open would be lost, as with a real scanner.
  if (reader) await once(reader, 'status');

  const scan = (line: string): Promise<void> => {
    const aim = /^(\][A-Za-z][0-9A-Za-z]) /.exec(line);
    const data = (aim ? line.slice(aim[0].length) : line).replaceAll('<GS>', '\x1d');
    return sim.scan(data, { suffix, symbology: aim?.[1] });
  };
  if (argv.includes('--demo')) {
    for (const { aim, data } of Object.values(DEMO_SCANS)) await sim.scan(data, { suffix, symbology: aim });
  }
  const stop = async (): Promise<void> => {
    await reader?.close();
    await sim.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  for await (const line of createInterface({ input: process.stdin })) if (line) await scan(line);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await stop();
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
