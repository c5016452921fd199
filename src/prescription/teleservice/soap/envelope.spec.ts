import { OPERATION_EXAMPLES } from '../../../../test/fixtures/teleservice/examples';
import {
  ASSERTION_PLACEHOLDER as PLACEHOLDER,
  FAULT_EXAMPLE as FAULT,
  goldenEnvelopes,
  goldenPath,
} from '../../../../test/fixtures/teleservice/golden-envelopes';
import { bodyPayload, xsdErrors } from '../../../../test/fixtures/teleservice/xsd-validate';
import { expectGolden } from '../../../../test/support/golden';
import { readContractFile, XSD_FILE } from '../wsdl/contract-files';
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

describe('SOAP envelopes', () => {
  it('keeps the committed XSD equal to its rendering from the wire table', () => {
    expect(readContractFile(XSD_FILE)).toBe(renderXsd());
  });

  it.each(Object.entries(goldenEnvelopes()))('writes %s as the committed golden file', (name, xml) => {
    expectGolden(goldenPath(name), xml);
  });

  describe.each(OPERATION_EXAMPLES.map((e) => [e.operation, e] as const))('%s', (operation, example) => {
    const op = operation as OperationName;
    const request = buildRequestEnvelope(op, example.request, PLACEHOLDER);
    const response = buildResponseEnvelope(op, example.response);

    it('reads back what it wrote', () => {
      expect(readPayload(readEnvelope(request).payload, op)).toEqual(example.request);
      expect(readPayload(readEnvelope(response).payload, `${op}Response`)).toEqual(example.response);
    });
  });

  it('validates every example request, response and fault against the XSD (xmllint)', () => {
    const documents = OPERATION_EXAMPLES.flatMap((e) => [
      bodyPayload(buildRequestEnvelope(e.operation, e.request, PLACEHOLDER)),
      bodyPayload(buildResponseEnvelope(e.operation, e.response)),
    ]);
    expect(xsdErrors([...documents, bodyPayload(buildFaultEnvelope(FAULT))])).toBe('');
  });

  it('is checked by the XSD: a document breaking it is refused', () => {
    const bad =
      '<annulerExecution xmlns="urn:comptoir:eprescription:v1"><prescriptionId>A</prescriptionId><sequence>0</sequence></annulerExecution>';
    expect(xsdErrors([bad])).toMatch(/fails to validate/);
  });

  it('writes faults with the stable code in the detail and reads them back', () => {
    const envelope = buildFaultEnvelope(FAULT);
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
