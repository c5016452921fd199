// Byte-annotated APDU traces (test/fixtures/apdu/*.trace): read, replay as a scripted card, record.
// Format: `op:` what runs, `>` a command, `<` the card's answer, `expect:` the outcome; `|` starts an
// annotation, `#` a comment; hex bytes with spaces, `AB*256` repeats a byte.
import { readFileSync } from 'node:fs';
import { hex, swHex, type Transmit } from '../vitale/apdu';

export interface ApduTrace {
  op: string[];
  steps: Array<{ command: Buffer; response: Buffer }>;
  expect: string[];
}

export function traceBytes(text: string): Buffer {
  return Buffer.concat(
    text
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((token) => {
        const run = /^([0-9A-F]{2})\*(\d+)$/i.exec(token);
        return run ? Buffer.alloc(Number(run[2]), parseInt(run[1], 16)) : Buffer.from(token, 'hex');
      }),
  );
}

export function parseTrace(text: string, name = 'trace'): ApduTrace {
  const trace: ApduTrace = { op: [], steps: [], expect: [] };
  for (const raw of text.split('\n')) {
    const line = raw.split('|')[0].trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('op:')) trace.op = line.slice(3).trim().split(/\s+/);
    else if (line.startsWith('expect:')) trace.expect = line.slice(7).trim().split(/\s+/);
    else if (line.startsWith('>'))
      trace.steps.push({ command: traceBytes(line.slice(1)), response: Buffer.alloc(0) });
    else if (line.startsWith('<') && trace.steps.length)
      trace.steps[trace.steps.length - 1].response = traceBytes(line.slice(1));
    else throw new Error(`${name}: cannot read "${raw}"`);
  }
  return trace;
}

export const readTrace = (path: string): ApduTrace => parseTrace(readFileSync(path, 'utf8'), path);

/** A card answering the trace's responses in order; a command other than the trace's next one throws. */
export function scriptedCard(trace: ApduTrace): Transmit & { remaining(): number } {
  let i = 0;
  const transmit = async (command: Buffer): Promise<Buffer> => {
    const step = trace.steps[i];
    if (!step) throw new Error(`trace: unexpected extra command ${hex(command)}`);
    if (!step.command.equals(command)) {
      throw new Error(`trace step ${i + 1}: expected ${hex(step.command)}, got ${hex(command)}`);
    }
    i++;
    return step.response;
  };
  return Object.assign(transmit, { remaining: () => trace.steps.length - i });
}

const spaced = (b: Buffer): string => hex(b).replace(/(..)(?!$)/g, '$1 ');

/** A one-line note for a command: instruction, parameters, file or offset. */
export function describeCommand(c: Buffer): string {
  const [, ins, p1, p2] = c;
  const body = c.length > 5 ? c.subarray(5, 5 + c[4]) : Buffer.alloc(0);
  if (ins === 0xa4 && p1 === 0x04)
    return `SELECT by AID "${body.subarray(5).toString('latin1')}" P2=${p2 === 0x0c ? '0C no FCI' : '00 FCI'}`;
  if (ins === 0xa4) return `SELECT EF ${hex(body)} P2=${p2 === 0x0c ? '0C no FCI' : '00 FCI'}`;
  if (ins === 0xb0) return `READ BINARY offset ${hex([p1, p2])} Le=${hex([c[4] ?? 0])}`;
  if (ins === 0xc0) return `GET RESPONSE Le=${hex([c[4] ?? 0])}`;
  return `INS ${hex([ins])}`;
}

/** Wraps a transmit and writes each exchange as trace lines. */
export function recordTrace(transmit: Transmit, lines: string[]): Transmit {
  return async (command) => {
    const response = await transmit(command);
    const sw = response.length >= 2 ? swHex(response.readUInt16BE(response.length - 2)) : '?';
    lines.push(`> ${spaced(command)} | ${describeCommand(command)}`);
    lines.push(`< ${spaced(response)} | ${response.length - 2} data byte(s), SW=${sw}`);
    return response;
  };
}
