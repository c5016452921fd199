import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as soap from 'soap';
import { FixedClock } from '../../src/core/clock/clock';
import { PrescriptionException } from '../../src/prescription/prescription.exception';
import { generateTestPki } from '../../src/prescription/teleservice/security/test-pki';
import { TestPkiSigner } from '../../src/prescription/teleservice/security/test-pki-signer';
import { COMPTOIR_CONTRACT } from '../../src/prescription/teleservice/soap/contract-mapping';
import type { SoapContract } from '../../src/prescription/teleservice/soap/soap-contract';
import { EXAMPLE_EXECUTION, EXAMPLE_ID, PORT_EXAMPLES } from '../fixtures/teleservice/examples';
import { comparableRequest, expectGolden, FIXTURES, readFixture } from '../fixtures/teleservice/golden';
import { ClientKit, testClient } from '../fixtures/teleservice/harness';
import { RENAMED_CONTRACT } from '../fixtures/teleservice/renamed/renamed-mapping';
import { bodyPayload, xsdErrors } from '../fixtures/teleservice/xsd-validate';

jest.setTimeout(20_000);

/**
 * Comptoir's client against a `soap.listen` server built from the same WSDL (not the sandbox: node-soap on
 * both ends), for Comptoir's contract and for a renamed, re-ordered copy standing for a vendor's official
 * WSDL. The same steps drive both; only the WSDL file and the mapping module change. The peer answers each
 * operation with the contract's golden response (parsed by the peer, written back by node-soap).
 */
const CONTRACTS: Array<{ label: string; contract: SoapContract; dir: string; xsd: string; ns: string }> = [
  {
    label: "Comptoir's contract",
    contract: COMPTOIR_CONTRACT,
    dir: FIXTURES,
    xsd: join(__dirname, '../../src/prescription/teleservice/wsdl/eprescription-v1.xsd'),
    ns: 'urn:comptoir:eprescription:v1',
  },
  {
    label: 'a renamed and re-ordered copy (ordonnance-v9.wsdl + renamed-mapping.ts)',
    contract: RENAMED_CONTRACT,
    dir: join(FIXTURES, 'renamed'),
    xsd: join(FIXTURES, 'renamed/ordonnance-v9.xsd'),
    ns: 'urn:exemple:teleservice-ordonnance:v9',
  },
];

const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));

describe.each(CONTRACTS)(
  'Comptoir client through $label, against soap.listen',
  ({ contract, dir, xsd, ns }) => {
    const pki = generateTestPki(clock.now());
    let server: http.Server;
    let kit: ClientKit;
    const received: Array<{ operation: string; args: unknown; security: string }> = [];
    let faultNext = false;

    /** The operation's name in this contract, for a port method. */
    const nameOf = (method: (typeof PORT_EXAMPLES)[number]['method']) => contract[method].name;

    beforeAll(async () => {
      server = http.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const services: soap.IServices = {};
      // soap.listen reads its WSDL asynchronously and only then handles requests: wait for it.
      await new Promise<void>((resolve, reject) =>
        soap.listen(server, {
          path: '/ws',
          xml: readFileSync(contract.wsdlPath, 'utf8'),
          uri: contract.wsdlPath,
          services,
          callback: (error: unknown) => (error ? reject(error as Error) : resolve()),
        }),
      );
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
      const wsdlAnswer = await fetch(`${url}?wsdl`);
      if (wsdlAnswer.status !== 200) throw new Error(`soap.listen serves no WSDL: HTTP ${wsdlAnswer.status}`);
      // A node-soap reading of the same WSDL parses the golden answers (dates kept as text, as the client does).
      const { wsdl } = await soap.createClientAsync(contract.wsdlPath, {
        disableCache: true,
        customDeserializer: { date: (t: string) => t, dateTime: (t: string) => t },
      });
      const parse = (file: string): Record<string, unknown> =>
        (wsdl.xmlToObject(readFixture(file, dir)) as { Body: Record<string, unknown> }).Body;
      let fault: unknown;
      try {
        wsdl.xmlToObject(readFixture('fault.sequence-out-of-order.xml', dir));
      } catch (error) {
        fault = (error as { root: { Envelope: { Body: { Fault: unknown } } } }).root.Envelope.Body.Fault;
      }
      const operations: Record<string, (args: unknown, cb: unknown, headers: unknown) => unknown> = {};
      for (const name of PORT_EXAMPLES.map((e) => nameOf(e.method))) {
        const body = parse(`${name}.response.xml`);
        operations[name] = (args, _cb, headers) => {
          received.push({ operation: name, args, security: JSON.stringify(headers ?? {}) });
          if (faultNext) {
            faultNext = false;
            throw { Fault: fault };
          }
          return Object.values(body)[0];
        };
      }
      const [service] = Object.keys(wsdl.definitions.services);
      const [port] = Object.keys(wsdl.definitions.services[service].ports);
      services[service] = { [port]: operations } as never;
      kit = testClient(url, new TestPkiSigner(pki.pharmacistCard), { clock, contract, maxRetries: 0 });
    });

    afterAll(async () => {
      await kit?.client.close();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    });

    it.each(PORT_EXAMPLES.map((e) => [e.method, e] as const))(
      '%s: sends the contract request, maps the contract answer to the port type',
      async (_method, example) => {
        const before = received.length;
        await expect(example.call(kit.client)).resolves.toEqual(example.result);
        expect(received.slice(before).map((r) => r.operation)).toEqual([nameOf(example.method)]);
        expect(received[before].security).toContain('Assertion');
        const request = kit.transport.requests.at(-1)!;
        expectGolden(`${nameOf(example.method)}.request.xml`, comparableRequest(request), dir);
      },
    );

    it("reads the contract's fault as the port's typed error", async () => {
      faultNext = true;
      const error = await kit.client
        .recordExecution(EXAMPLE_ID, 3, EXAMPLE_EXECUTION)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrescriptionException);
      expect([(error as PrescriptionException).code, (error as PrescriptionException).extra]).toEqual([
        'SEQUENCE_OUT_OF_ORDER',
        { teleserviceCode: 'SEQUENCE_OUT_OF_ORDER', expectedSequence: 2 },
      ]);
    });

    it("sent only requests that the contract's XSD accepts (names and order)", () => {
      expect(kit.transport.requests.length).toBeGreaterThanOrEqual(PORT_EXAMPLES.length);
      expect(
        xsdErrors(
          kit.transport.requests.map((r) => bodyPayload(r, ns)),
          xsd,
        ),
      ).toBe('');
    });
  },
);
