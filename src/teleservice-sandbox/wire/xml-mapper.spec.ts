import { OPERATION_EXAMPLES } from '../../../test/fixtures/teleservice/examples';
import { parseXml } from './envelope';
import { parseFields, renderElement, WireMappingError } from './xml-mapper';

const roundTrip = (element: string, value: unknown): Record<string, unknown> =>
  parseFields(element, parseXml(renderElement(element, value)).documentElement);

describe('xml-mapper', () => {
  describe.each(OPERATION_EXAMPLES.map((e) => [e.operation, e] as const))('%s', (operation, example) => {
    it('round-trips the request', () => {
      expect(roundTrip(operation, example.request)).toEqual(example.request);
    });

    it('round-trips the response', () => {
      expect(roundTrip(`${operation}Response`, example.response)).toEqual(example.response);
    });
  });

  it('round-trips a fault detail', () => {
    const fault = {
      code: 'SEQUENCE_OUT_OF_ORDER',
      message: 'expected 2',
      retryable: false,
      expectedSequence: 2,
    };
    expect(roundTrip('teleserviceFault', fault)).toEqual(fault);
  });

  it('renders lists as repeated item elements and escapes text', () => {
    const xml = renderElement('annulerExecution', {
      prescriptionId: 'A1',
      sequence: 2,
      executionSequence: 1,
      motif: 'lot <faux> & "périmé"',
    });
    expect(xml).toContain('<motif>lot &lt;faux&gt; &amp; &quot;périmé&quot;</motif>');
    expect(xml).toContain('xmlns="urn:comptoir:eprescription:v1"');
  });

  const execution = OPERATION_EXAMPLES[1].request;
  it.each([
    [
      'a missing required field',
      { ...execution, sequence: undefined },
      'enregistrerExecution.sequence: is required',
    ],
    ['a sequence below 1', { ...execution, sequence: 0 }, 'enregistrerExecution.sequence: must be >= 1'],
    ['a fractional sequence', { ...execution, sequence: 1.5 }, 'must be an integer'],
    ['a string for a number', { ...execution, sequence: '1' }, 'must be a number'],
    ['a bad prescription id', { ...execution, prescriptionId: 'a b' }, 'prescriptionId: does not match'],
    [
      'a bad date',
      { ...execution, execution: { ...execution.execution, dispensingDate: '22/11/2026' } },
      'must be YYYY-MM-DD',
    ],
    [
      'a bad RPPS',
      {
        ...execution,
        execution: { ...execution.execution, pharmacist: { rpps: '123', role: 'pharmacien' } },
      },
      'pharmacist.rpps',
    ],
    [
      'an unknown role',
      { ...execution, execution: { ...execution.execution, pharmacist: { rpps: '10001234567', role: 'x' } } },
      'must be one of',
    ],
    [
      'a list that is no array',
      { ...execution, execution: { ...execution.execution, lines: {} } },
      'lines: must be an array',
    ],
    [
      'a control character',
      { ...execution, execution: { ...execution.execution, lines: [{ lineId: '1\u0001', products: [] }] } },
      'characters XML cannot carry',
    ],
  ])('refuses %s', (_label, value, message) => {
    expect(() => renderElement('enregistrerExecution', value)).toThrow(WireMappingError);
    expect(() => renderElement('enregistrerExecution', value)).toThrow(message);
  });

  const ns = 'xmlns="urn:comptoir:eprescription:v1"';
  it.each([
    [
      'a duplicated element',
      `<annulerExecution ${ns}><prescriptionId>A</prescriptionId><prescriptionId>B</prescriptionId><sequence>1</sequence><executionSequence>1</executionSequence><motif>m</motif></annulerExecution>`,
      'appears more than once',
    ],
    [
      'a non-numeric sequence',
      `<annulerExecution ${ns}><prescriptionId>A</prescriptionId><sequence>x</sequence><executionSequence>1</executionSequence><motif>m</motif></annulerExecution>`,
      'must be an integer',
    ],
    [
      'a missing element',
      `<annulerExecution ${ns}><prescriptionId>A</prescriptionId><sequence>1</sequence><motif>m</motif></annulerExecution>`,
      'executionSequence: is required',
    ],
    [
      'elements of another namespace',
      `<annulerExecution ${ns}><prescriptionId xmlns="urn:other">A</prescriptionId><sequence>1</sequence><executionSequence>1</executionSequence><motif>m</motif></annulerExecution>`,
      'prescriptionId: is required',
    ],
  ])('parses strictly: %s', (_label, xml, message) => {
    expect(() => parseFields('annulerExecution', parseXml(xml).documentElement)).toThrow(message);
  });

  it('ignores unknown elements so a minor version can add fields', () => {
    const xml = `<annulerExecution ${ns}><prescriptionId>A</prescriptionId><sequence> 2 </sequence><executionSequence>1</executionSequence><motif>m</motif><later>x</later></annulerExecution>`;
    expect(parseFields('annulerExecution', parseXml(xml).documentElement)).toEqual({
      prescriptionId: 'A',
      sequence: 2,
      executionSequence: 1,
      motif: 'm',
    });
  });
});
