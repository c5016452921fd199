import { FieldSpec, ScalarField, WIRE_NS } from './wire-schema';
import { specOf } from './wire-types';

/** A value that cannot cross the wire as the contract says (bad input, or a peer breaking the contract). */
export class WireMappingError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'WireMappingError';
  }
}

// XML 1.0 forbids most C0 controls even escaped; refuse them rather than send a document a peer rejects.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function checkScalar(field: ScalarField, text: string, path: string): void {
  if (FORBIDDEN_CHARS.test(text)) throw new WireMappingError(path, 'contains characters XML cannot carry');
  if (field.enum && !field.enum.includes(text)) {
    throw new WireMappingError(path, `must be one of ${field.enum.join(', ')}`);
  }
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`).test(text)) {
    throw new WireMappingError(path, `does not match ${field.pattern}`);
  }
  if (field.type === 'date' && !DATE.test(text)) throw new WireMappingError(path, 'must be YYYY-MM-DD');
  if (field.type === 'dateTime' && !DATE_TIME.test(text)) {
    throw new WireMappingError(path, 'must be an ISO 8601 instant with offset');
  }
}

function scalarToText(field: ScalarField, value: unknown, path: string): string {
  let text: string;
  switch (field.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new WireMappingError(path, 'must be a boolean');
      text = String(value);
      break;
    case 'int':
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new WireMappingError(path, 'must be a number');
      if (field.type === 'int' && !Number.isInteger(value))
        throw new WireMappingError(path, 'must be an integer');
      text = String(value);
      break;
    default:
      if (typeof value !== 'string') throw new WireMappingError(path, 'must be a string');
      text = value;
  }
  checkRange(field, value, path);
  checkScalar(field, text, path);
  return text;
}

function checkRange(field: ScalarField, value: unknown, path: string): void {
  if (typeof value !== 'number') return;
  if (field.min !== undefined && value < field.min)
    throw new WireMappingError(path, `must be >= ${field.min}`);
  if (field.max !== undefined && value > field.max)
    throw new WireMappingError(path, `must be <= ${field.max}`);
}

function textToScalar(field: ScalarField, raw: string, path: string): unknown {
  const text = field.type === 'string' ? raw : raw.trim();
  checkScalar(field, text, path);
  let value: unknown = text;
  if (field.type === 'boolean') {
    if (!['true', 'false', '1', '0'].includes(text)) throw new WireMappingError(path, 'must be a boolean');
    value = text === 'true' || text === '1';
  } else if (field.type === 'int') {
    if (!/^-?\d+$/.test(text)) throw new WireMappingError(path, 'must be an integer');
    value = Number(text);
  } else if (field.type === 'decimal') {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new WireMappingError(path, 'must be a decimal');
    value = Number(text);
  }
  checkRange(field, value, path);
  return value;
}

/** Renders the fields of `typeName` from a JSON value as indented child elements (default namespace). */
export function renderFields(typeName: string, value: unknown, indent: string, path = typeName): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WireMappingError(path, 'must be an object');
  }
  const record = value as Record<string, unknown>;
  return specOf(typeName)
    .fields.map((field) => renderField(field, record[field.name], indent, `${path}.${field.name}`))
    .join('');
}

function renderField(field: FieldSpec, value: unknown, indent: string, path: string): string {
  if (value === undefined || value === null) {
    if (field.optional) return '';
    throw new WireMappingError(path, 'is required');
  }
  const inner = `${indent}  `;
  if (field.type === 'object') {
    return `${indent}<${field.name}>\n${renderFields(field.of, value, inner, path)}${indent}</${field.name}>\n`;
  }
  if (field.type === 'list') {
    if (!Array.isArray(value)) throw new WireMappingError(path, 'must be an array');
    if (value.length === 0) return `${indent}<${field.name}/>\n`;
    const items = value
      .map((item, i) => {
        const body = renderFields(field.of, item, `${inner}  `, `${path}[${i}]`);
        return `${inner}<${field.item}>\n${body}${inner}</${field.item}>\n`;
      })
      .join('');
    return `${indent}<${field.name}>\n${items}${indent}</${field.name}>\n`;
  }
  return `${indent}<${field.name}>${escapeXml(scalarToText(field, value, path))}</${field.name}>\n`;
}

/** Renders a global element of the contract (an operation wrapper) with its namespace declaration. */
export function renderElement(elementName: string, value: unknown, indent = ''): string {
  const body = renderFields(elementName, value, `${indent}  `, elementName);
  return `${indent}<${elementName} xmlns="${WIRE_NS}">\n${body}${indent}</${elementName}>\n`;
}

function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as Element);
  }
  return out;
}

/** Reads a contract element back to JSON; unknown children are ignored so minor versions can add fields. */
export function parseFields(typeName: string, element: Element, path = typeName): Record<string, unknown> {
  const children = childElements(element).filter((c) => c.namespaceURI === WIRE_NS);
  const out: Record<string, unknown> = {};
  for (const field of specOf(typeName).fields) {
    const matches = children.filter((c) => c.localName === field.name);
    const fieldPath = `${path}.${field.name}`;
    if (matches.length > 1) throw new WireMappingError(fieldPath, 'appears more than once');
    const [node] = matches;
    if (!node) {
      if (!field.optional) throw new WireMappingError(fieldPath, 'is required');
      continue;
    }
    if (field.type === 'object') out[field.name] = parseFields(field.of, node, fieldPath);
    else if (field.type === 'list') {
      out[field.name] = childElements(node)
        .filter((c) => c.namespaceURI === WIRE_NS && c.localName === field.item)
        .map((c, i) => parseFields(field.of, c, `${fieldPath}[${i}]`));
    } else {
      if (childElements(node).length > 0) throw new WireMappingError(fieldPath, 'must be text');
      out[field.name] = textToScalar(field, node.textContent ?? '', fieldPath);
    }
  }
  return out;
}
