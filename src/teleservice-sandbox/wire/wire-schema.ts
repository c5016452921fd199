/** Building blocks of the contract's data model; the table itself is in wire-types.ts. */

export const WIRE_NS = 'urn:comptoir:eprescription:v1';
export const CONTRACT_VERSION = '1.1';

export type ScalarType = 'string' | 'date' | 'dateTime' | 'int' | 'decimal' | 'boolean';

interface FieldBase {
  name: string;
  optional?: boolean;
  doc?: string;
}
export interface ScalarField extends FieldBase {
  type: ScalarType;
  enum?: readonly string[];
  pattern?: string;
  min?: number;
  max?: number;
}
export interface ObjectField extends FieldBase {
  type: 'object';
  of: string;
}
export interface ListField extends FieldBase {
  type: 'list';
  item: string;
  of: string;
}
export type FieldSpec = ScalarField | ObjectField | ListField;

export interface TypeSpec {
  doc?: string;
  fields: FieldSpec[];
}

export type Opts = Omit<ScalarField, 'name' | 'type'>;
export const str = (name: string, o: Opts = {}): ScalarField => ({ name, type: 'string', ...o });
export const opt = (name: string, o: Opts = {}): ScalarField => str(name, { optional: true, ...o });
export const scalar = (name: string, type: ScalarType, o: Opts = {}): ScalarField => ({ name, type, ...o });
export const obj = (name: string, of: string, optional = false): ObjectField => ({
  name,
  type: 'object',
  of,
  optional,
});
export const list = (name: string, item: string, of: string, optional = false): ListField => ({
  name,
  type: 'list',
  item,
  of,
  optional,
});
