import { OPERATION_EXAMPLES } from '../../../test/fixtures/teleservice/examples';
import { expectGolden, readFixture } from '../../../test/fixtures/teleservice/golden';
import { bodyPayload, xsdErrors } from '../../../test/fixtures/teleservice/xsd-validate';
import { readContractFile, XSD_FILE } from '../../prescription/teleservice/wsdl/contract-files';
import {
  buildFaultEnvelope,
  buildRequestEnvelope,
  buildResponseEnvelope,
  isFault,
  parseXml,
  readEnvelope,
  readFault,
  readPayload,
  XmlParseError,
} from './envelope';
import { OperationName } from './operations';
import { renderXsd } from './xsd-render';

const FAULT = {
  faultcode: 'Client' as const,
  code: 'SEQUENCE_OUT_OF_ORDER',
  message: 'sequence 3 received, 2 expected',
  retryable: false,
  expectedSequence: 2,
};

describe('SOAP envelopes', () => {
  it('renders from its wire table exactly the contract XSD', () => {
    expect(renderXsd()).toBe(readContractFile(XSD_FILE));
  });

  describe.each(OPERATION_EXAMPLES.map((e) => [e.operation, e] as const))('%s', (operation, example) => {
    const op = operation as OperationName;

    it('answers the golden response', () => {
      expectGolden(`${op}.response.xml`, buildResponseEnvelope(op, example.response));
    });

    it("reads the golden request (what Comptoir's node-soap client sends)", () => {
      expect(readPayload(readEnvelope(readFixture(`${op}.request.xml`)).payload, op)).toEqual(
        example.request,
      );
    });

    it('reads back what it writes', () => {
      const written = buildRequestEnvelope(op, example.request, '');
      expect(readPayload(readEnvelope(written).payload, op)).toEqual(example.request);
      expect(
        readPayload(readEnvelope(buildResponseEnvelope(op, example.response)).payload, `${op}Response`),
      ).toEqual(example.response);
    });
  });

  it('validates every golden request, response and fault against the XSD (xmllint)', () => {
    const documents = OPERATION_EXAMPLES.flatMap((e) => [
      bodyPayload(readFixture(`${e.operation}.request.xml`)),
      bodyPayload(readFixture(`${e.operation}.response.xml`)),
    ]);
    expect(xsdErrors([...documents, bodyPayload(readFixture('fault.sequence-out-of-order.xml'))])).toBe('');
  });

  it('is checked by the XSD: a document breaking it is refused', () => {
    const bad =
      '<annulerExecution xmlns="urn:comptoir:eprescription:v1"><prescriptionId>A</prescriptionId><sequence>0</sequence></annulerExecution>';
    expect(xsdErrors([bad])).toMatch(/fails to validate/);
  });

  it('writes faults with the stable code in the detail and reads them back', () => {
    const envelope = buildFaultEnvelope(FAULT);
    expectGolden('fault.sequence-out-of-order.xml', envelope);
    const { payload } = readEnvelope(envelope);
    expect(isFault(payload)).toBe(true);
    expect(readFault(payload)).toEqual(FAULT);
  });

  it('reads a foreign fault without our detail as UNKNOWN_FAULT', () => {
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>`;
    expect(readFault(readEnvelope(xml).payload)).toEqual({
      faultcode: 'Server',
      code: 'UNKNOWN_FAULT',
      message: 'boom',
      retryable: true,
    });
  });

  it.each([
    ['broken XML', '<soap:Envelope><broken', 'not well-formed'],
    ['plain text', 'Internal Server Error', 'not well-formed'],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', 'DOCTYPE'],
    ['another root', '<Envelope/>', 'not a SOAP 1.1 envelope'],
    ['no Body', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>', 'without Body'],
    [
      'two payloads',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><a/><b/></s:Body></s:Envelope>',
      'exactly one',
    ],
  ])('refuses %s', (_label, xml, message) => {
    expect(() => readEnvelope(xml)).toThrow(XmlParseError);
    expect(() => readEnvelope(xml)).toThrow(message);
  });

  it('parses a well-formed document', () => {
    expect(parseXml('<a><b>1</b></a>').documentElement.localName).toBe('a');
  });
});
