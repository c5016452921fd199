import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as soap from 'soap';
import { loadOrCreateTestPki, TEST_PHARMACIST } from '../src/prescription/teleservice/security/test-pki';
import type { AssertionClaims } from '../src/prescription/teleservice/security/signer.port';
import { TestPkiSigner } from '../src/prescription/teleservice/security/test-pki-signer';
import { createSoapTeleserviceClient } from '../src/prescription/teleservice/soap-teleservice.client';
import { COMPTOIR_CONTRACT } from '../src/prescription/teleservice/soap/contract-mapping';
import { EXAMPLE_SEED } from '../test/fixtures/teleservice/examples';
import { BENCH_TOKEN, startSandboxProcess, startService } from './service';
import { fmt, percentile, row } from './stats';

type Pki = ReturnType<typeof loadOrCreateTestPki>;

/** The bench's own SOAP client, as the bench pharmacist, to the sandbox at `sandboxUrl`. */
function benchClient(
  sandboxUrl: string,
  pki: Pki,
  options: Partial<Parameters<typeof createSoapTeleserviceClient>[0]> = {},
) {
  return createSoapTeleserviceClient({
    url: `${sandboxUrl}/eprescription`,
    signer: new TestPkiSigner(pki.pharmacistCard),
    identity: {
      rpps: TEST_PHARMACIST.rpps,
      role: 'pharmacien',
      finess: '990000011',
      software: { id: 'bench', name: 'bench', version: '1' },
    },
    ...options,
  });
}

async function timed(n: number, fn: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * The figures of the last run before issue 18 (hand-written SOAP client, three SQLite commits on the scan
 * path), as docs/PERFORMANCE.md and issue 18 record them: printed beside the new ratio.
 */
const BEFORE = { p50: 3.57, p99: 3.05, note: 'issue 3 run; issue 18 measured 10.2 / 2.1 ms = 4.9 at p50' };

/**
 * Scan-to-prescription through Comptoir (POST /api/v1/scans of a prescription ID: retrieval over SOAP, stored,
 * dispensation opened) next to the bare SOAP round trip (consulterPrescription) to the same sandbox, in the
 * same run; and signing throughput of the assertion on one core.
 */
export async function benchTeleservice(count = 500): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-ts-'));
  const base = 4100 + Math.floor(Math.random() * 50);
  const sandbox = await startSandboxProcess(base, dir);
  const service = await startService(
    base + 60,
    ['terminals: [{ id: counter-1 }]'],
    {
      COMPTOIR_TELESERVICE_URL: `${sandbox.url}/eprescription`,
    },
    dir,
  );
  const pki = loadOrCreateTestPki(join(dir, 'pki'));
  // The bare round trip: node-soap from the same WSDL, the same signed assertion in the header, no mapping.
  const bare = await soap.createClientAsync(COMPTOIR_CONTRACT.wsdlPath, {
    endpoint: `${sandbox.url}/eprescription`,
  });
  const client = benchClient(sandbox.url, pki);
  try {
    const seeded = await fetch(`${sandbox.url}/sandbox/prescriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(EXAMPLE_SEED),
    });
    const { prescriptionId } = (await seeded.json()) as { prescriptionId: string };
    const scan = async () => {
      const res = await fetch(`${service.url}/api/v1/scans`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_TOKEN}` },
        body: JSON.stringify({ data: prescriptionId, terminalId: 'counter-1' }),
      });
      const body = (await res.json()) as { retrieval?: { status: string } };
      if (body.retrieval?.status !== 'retrieved') throw new Error(`retrieval: ${JSON.stringify(body)}`);
    };
    const now = new Date();
    const assertion = await new TestPkiSigner(pki.pharmacistCard).signAssertion(
      {
        rpps: TEST_PHARMACIST.rpps,
        role: 'pharmacien',
        pharmacy: { finess: '990000011' },
        software: { id: 'bench', name: 'bench', version: '1' },
      },
      {
        issueInstant: now,
        notBefore: new Date(now.getTime() - 30_000),
        notOnOrAfter: new Date(now.getTime() + 3_000_000),
      },
    );
    bare.addSoapHeader(
      `<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">${assertion}</wsse:Security>`,
    );
    const soapRoundTrip = async () => {
      await bare.consulterPrescriptionAsync({ prescriptionId });
    };
    const comptoirClient = async () => {
      await client.consult(prescriptionId);
    };
    await timed(30, scan);
    await timed(30, soapRoundTrip);
    await timed(30, comptoirClient);
    // Interleaved blocks so that drift in machine load hits every side alike.
    const scanSamples: number[] = [];
    const soapSamples: number[] = [];
    const clientSamples: number[] = [];
    for (let i = 0; i < count; i += 50) {
      scanSamples.push(...(await timed(Math.min(50, count - i), scan)));
      soapSamples.push(...(await timed(Math.min(50, count - i), soapRoundTrip)));
      clientSamples.push(...(await timed(Math.min(50, count - i), comptoirClient)));
    }
    const signer = new TestPkiSigner(pki.pharmacistCard);
    const claims: AssertionClaims = {
      rpps: TEST_PHARMACIST.rpps,
      role: 'pharmacien',
      pharmacy: { finess: '990000011' },
      software: { id: 'bench', name: 'bench', version: '1' },
    };
    let signed = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      const now = new Date();
      await signer.signAssertion(claims, {
        issueInstant: now,
        notBefore: now,
        notOnOrAfter: new Date(now.getTime() + 600_000),
      });
      signed++;
    }
    const signPerSec = (signed * 1000) / (performance.now() - t0);
    let requests = 0;
    const r0 = performance.now();
    while (performance.now() - r0 < 2000) {
      await client.consult(prescriptionId);
      requests++;
    }
    const reqPerSec = (requests * 1000) / (performance.now() - r0);
    const faultRows = await benchFaults(sandbox.url, prescriptionId, pki);
    const p = (xs: number[], q: number) => percentile(xs, q);
    return [
      row(['measure', 'p50', 'p99']),
      row(['---', '---', '---']),
      row([
        `scan → prescription retrieved, via Comptoir (n=${count})`,
        `${fmt(p(scanSamples, 50))} ms`,
        `${fmt(p(scanSamples, 99))} ms`,
      ]),
      row([
        `bare node-soap consulterPrescription round trip (n=${count})`,
        `${fmt(p(soapSamples, 50))} ms`,
        `${fmt(p(soapSamples, 99))} ms`,
      ]),
      row([
        `Comptoir's client consult (deadline, breaker, mapping; n=${count})`,
        `${fmt(p(clientSamples, 50))} ms`,
        `${fmt(p(clientSamples, 99))} ms`,
      ]),
      row([
        'ratio scan / bare round trip, now',
        fmt(p(scanSamples, 50) / p(soapSamples, 50)),
        fmt(p(scanSamples, 99) / p(soapSamples, 99)),
      ]),
      row([`ratio before (${BEFORE.note})`, fmt(BEFORE.p50), fmt(BEFORE.p99)]),
      '',
      row(['measure', 'per second']),
      row(['---', '---']),
      row(['assertion signatures (RSA-SHA256, XML-DSig), one core', fmt(signPerSec, 0)]),
      row(['signed consulterPrescription requests, one client, sequential', fmt(reqPerSec, 0)]),
      '',
      ...faultRows,
    ];
  } finally {
    await client.close();
    await service.stop();
    await sandbox.stop();
  }
}

const FAULT_TIMEOUT_MS = 1500;

/**
 * How long a failing teleservice keeps the caller waiting: the slowest of 5 consultations under each fault
 * the sandbox injects, with the e2e tests' 1,500 ms deadline (the aim: within the deadline plus 1 s), and a
 * call refused by the open circuit (the aim: under 50 ms, without a request).
 */
async function benchFaults(sandboxUrl: string, prescriptionId: string, pki: Pki): Promise<string[]> {
  const setFaults = async (body: object) => {
    const res = await fetch(`${sandboxUrl}/sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
  };
  const clientWith = (breaker: { failureThreshold: number; cooldownMs: number }) =>
    benchClient(sandboxUrl, pki, { timeoutMs: FAULT_TIMEOUT_MS, breaker });
  const refused = async (c: ReturnType<typeof benchClient>) => {
    const error = await c.consult(prescriptionId).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!error) throw new Error('the fault did not fail the call');
  };
  const lines = [row(['failure', 'slowest answer', 'aim']), row(['---', '---', '---'])];
  const client = clientWith({ failureThreshold: 1000, cooldownMs: 50 });
  try {
    for (const mode of ['timeout', 'reset', 'malformed', 'http500', 'soap-fault', 'latency']) {
      await setFaults({ mode, rate: 1, latencyMs: FAULT_TIMEOUT_MS * 2 });
      const samples = await timed(5, () => refused(client));
      const aim = `< ${FAULT_TIMEOUT_MS + 1000} ms`;
      lines.push(row([`consultation under fault ${mode}`, `${fmt(Math.max(...samples))} ms`, aim]));
    }
    await setFaults({ mode: 'http500', rate: 1 });
    const breaking = clientWith({ failureThreshold: 2, cooldownMs: 60_000 });
    try {
      await refused(breaking);
      await refused(breaking);
      const samples = await timed(5, () => refused(breaking));
      lines.push(
        row(['consultation refused by the open circuit', `${fmt(Math.max(...samples))} ms`, '< 50 ms']),
      );
    } finally {
      await breaking.close();
    }
  } finally {
    await setFaults({ mode: 'none', rate: 0 });
    await client.close();
  }
  return lines;
}
