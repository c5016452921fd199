import { DOMParser } from '@xmldom/xmldom';
import { OperationName } from './operations';
import { parseFields, renderElement, WireMappingError, escapeXml } from './xml-mapper';
import { WIRE_NS } from './wire-schema';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

/** The peer sent something that is not well-formed XML or not a SOAP 1.1 envelope. */
export class XmlParseError extends Error {
  override name = 'XmlParseError';
}

export interface WireFault {
  faultcode: 'Client' | 'Server';
  code: string;
  message: string;
  retryable: boolean;
  expectedSequence?: number;
  reason?: string;
}

export function buildRequestEnvelope(
  operation: OperationName,
  payload: unknown,
  assertionXml: string,
): string {
  const assertion = assertionXml.replace(/^<\?xml[^>]*\?>\s*/, '');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}">\n` +
    `  <soap:Header>\n` +
    `    <wsse:Security xmlns:wsse="${WSSE_NS}" soap:mustUnderstand="1">${assertion}</wsse:Security>\n` +
    `  </soap:Header>\n` +
    `  <soap:Body>\n${renderElement(operation, payload, '    ')}  </soap:Body>\n` +
    `</soap:Envelope>\n`
  );
}

export function buildResponseEnvelope(operation: OperationName, payload: unknown): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}">\n` +
    `  <soap:Body>\n${renderElement(`${operation}Response`, payload, '    ')}  </soap:Body>\n` +
    `</soap:Envelope>\n`
  );
}

export function buildFaultEnvelope(fault: WireFault): string {
  const { faultcode, ...detail } = fault;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<soap:Envelope xmlns:soap="${SOAP_ENV_NS}">\n` +
    `  <soap:Body>\n` +
    `    <soap:Fault>\n` +
    `      <faultcode>soap:${faultcode}</faultcode>\n` +
    `      <faultstring>${escapeXml(`${fault.code}: ${fault.message}`)}</faultstring>\n` +
    `      <detail>\n${renderElement('teleserviceFault', detail, '        ')}      </detail>\n` +
    `    </soap:Fault>\n` +
    `  </soap:Body>\n` +
    `</soap:Envelope>\n`
  );
}

/** Strict parse: any parser warning is an error, and no DTD (no entity tricks). */
export function parseXml(text: string): Document {
  if (/<!DOCTYPE/i.test(text)) throw new XmlParseError('DOCTYPE is not allowed');
  const problems: string[] = [];
  const record = (message: string): void => {
    problems.push(message);
  };
  let doc: Document | undefined;
  try {
    doc = new DOMParser({
      errorHandler: { warning: record, error: record, fatalError: record },
    }).parseFromString(text, 'text/xml') as unknown as Document;
  } catch (error) {
    throw new XmlParseError(`not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (problems.length > 0 || !doc?.documentElement) {
    throw new XmlParseError(`not well-formed XML: ${(problems[0] ?? 'empty document').split('\n')[0]}`);
  }
  return doc;
}

function children(element: Element): Element[] {
  const out: Element[] = [];
  for (let n = element.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

export interface ParsedEnvelope {
  doc: Document;
  header?: Element;
  /** The single element inside soap:Body (operation wrapper, response or Fault). */
  payload: Element;
}

export function readEnvelope(text: string): ParsedEnvelope {
  const doc = parseXml(text);
  const root = doc.documentElement;
  if (root.namespaceURI !== SOAP_ENV_NS || root.localName !== 'Envelope') {
    throw new XmlParseError('not a SOAP 1.1 envelope');
  }
  const parts = children(root);
  const header = parts.find((e) => e.namespaceURI === SOAP_ENV_NS && e.localName === 'Header');
  const body = parts.find((e) => e.namespaceURI === SOAP_ENV_NS && e.localName === 'Body');
  if (!body) throw new XmlParseError('SOAP envelope without Body');
  const payload = children(body);
  if (payload.length !== 1) throw new XmlParseError('SOAP Body must hold exactly one element');
  return { doc, header, payload: payload[0] };
}

export function isFault(payload: Element): boolean {
  return payload.namespaceURI === SOAP_ENV_NS && payload.localName === 'Fault';
}

/** Reads a Fault; a fault without our detail still yields a code (UNKNOWN_FAULT) and its faultstring. */
export function readFault(payload: Element): WireFault {
  const get = (name: string): Element | undefined => children(payload).find((e) => e.localName === name);
  const faultcode = (get('faultcode')?.textContent ?? '').includes('Server') ? 'Server' : 'Client';
  const faultstring = get('faultstring')?.textContent ?? '';
  const detail = get('detail')
    ? children(get('detail')!).find((e) => e.localName === 'teleserviceFault')
    : undefined;
  if (!detail || detail.namespaceURI !== WIRE_NS) {
    return { faultcode, code: 'UNKNOWN_FAULT', message: faultstring, retryable: faultcode === 'Server' };
  }
  try {
    return { faultcode, ...(parseFields('teleserviceFault', detail) as Omit<WireFault, 'faultcode'>) };
  } catch (error) {
    if (error instanceof WireMappingError) {
      return { faultcode, code: 'UNKNOWN_FAULT', message: faultstring, retryable: faultcode === 'Server' };
    }
    throw error;
  }
}

/** Reads an operation wrapper (request or response) by its expected element name. */
export function readPayload(payload: Element, elementName: string): Record<string, unknown> {
  if (payload.namespaceURI !== WIRE_NS || payload.localName !== elementName) {
    throw new WireMappingError(elementName, `expected {${WIRE_NS}}${elementName}, got ${payload.localName}`);
  }
  return parseFields(elementName, payload);
}
