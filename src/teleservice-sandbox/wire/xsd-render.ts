import { CONTRACT_VERSION, FieldSpec, ScalarField, TypeSpec, WIRE_NS } from './wire-schema';
import { ELEMENTS, TYPES } from './wire-types';
import { escapeXml } from './xml-mapper';

import { XSD_FILE } from '../../prescription/teleservice/wsdl/contract-files';

/**
 * Renders an XSD from the sandbox's wire table; a unit test checks that it is exactly the contract's XSD,
 * so the sandbox's hand-written server cannot drift from the contract the client is built from. After an
 * edit of the contract, rewrite the committed file from the table with
 * `node -r @swc-node/register src/teleservice-sandbox/wire/xsd-render.ts --write`.
 */

const XS_TYPE: Record<ScalarField['type'], string> = {
  string: 'xs:string',
  date: 'xs:date',
  dateTime: 'xs:dateTime',
  int: 'xs:int',
  decimal: 'xs:decimal',
  boolean: 'xs:boolean',
};

function documentation(doc: string | undefined, pad: string): string {
  if (!doc) return '';
  return `${pad}<xs:annotation><xs:documentation>${escapeXml(doc)}</xs:documentation></xs:annotation>\n`;
}

function occurs(field: FieldSpec): string {
  return field.optional ? ' minOccurs="0"' : '';
}

function scalarElement(field: ScalarField, pad: string): string {
  const facets: string[] = [];
  for (const value of field.enum ?? []) facets.push(`<xs:enumeration value="${escapeXml(value)}"/>`);
  if (field.pattern) facets.push(`<xs:pattern value="${escapeXml(field.pattern)}"/>`);
  if (field.min !== undefined) facets.push(`<xs:minInclusive value="${field.min}"/>`);
  if (field.max !== undefined) facets.push(`<xs:maxInclusive value="${field.max}"/>`);
  const head = `${pad}<xs:element name="${field.name}"${occurs(field)}`;
  if (facets.length === 0) return `${head} type="${XS_TYPE[field.type]}"/>\n`;
  const inner = facets.map((f) => `${pad}      ${f}\n`).join('');
  return (
    `${head}>\n${pad}  <xs:simpleType>\n${pad}    <xs:restriction base="${XS_TYPE[field.type]}">\n${inner}` +
    `${pad}    </xs:restriction>\n${pad}  </xs:simpleType>\n${pad}</xs:element>\n`
  );
}

function fieldElement(field: FieldSpec, pad: string): string {
  if (field.type === 'object')
    return `${pad}<xs:element name="${field.name}" type="tns:${field.of}"${occurs(field)}/>\n`;
  if (field.type === 'list') {
    return (
      `${pad}<xs:element name="${field.name}"${occurs(field)}>\n` +
      `${pad}  <xs:complexType>\n${pad}    <xs:sequence>\n` +
      `${pad}      <xs:element name="${field.item}" type="tns:${field.of}" minOccurs="0" maxOccurs="unbounded"/>\n` +
      `${pad}    </xs:sequence>\n${pad}  </xs:complexType>\n${pad}</xs:element>\n`
    );
  }
  return scalarElement(field, pad);
}

function sequence(spec: TypeSpec, pad: string): string {
  return `${pad}<xs:sequence>\n${spec.fields.map((f) => fieldElement(f, `${pad}  `)).join('')}${pad}</xs:sequence>\n`;
}

export function renderXsd(): string {
  const elements = Object.entries(ELEMENTS).map(
    ([name, spec]) =>
      `  <xs:element name="${name}">\n${documentation(spec.doc, '    ')}    <xs:complexType>\n` +
      `${sequence(spec, '      ')}    </xs:complexType>\n  </xs:element>\n`,
  );
  const types = Object.entries(TYPES).map(
    ([name, spec]) =>
      `  <xs:complexType name="${name}">\n${documentation(spec.doc, '    ')}${sequence(spec, '    ')}  </xs:complexType>\n`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<!-- Comptoir e-prescription teleservice contract ${CONTRACT_VERSION}. The sandbox's wire table ` +
    `(src/teleservice-sandbox/wire/wire-types.ts) renders exactly this file (xsd-render.ts). -->\n` +
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${WIRE_NS}" ` +
    `targetNamespace="${WIRE_NS}" elementFormDefault="qualified" version="${CONTRACT_VERSION}">\n` +
    `${elements.join('')}${types.join('')}</xs:schema>\n`
  );
}

if (require.main === module && process.argv.includes('--write')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeFileSync } = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { join } = require('node:path') as typeof import('node:path');
  writeFileSync(join(__dirname, '../../prescription/teleservice/wsdl', XSD_FILE), renderXsd());
}
