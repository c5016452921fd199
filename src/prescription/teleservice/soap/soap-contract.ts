import type {
  Acknowledgement,
  Cancellation,
  ConsultContext,
  ExecutionPayload,
  InvoiceUpdate,
  Prescription,
  PrescriptionSummary,
  SearchCriteria,
} from '../teleservice.types';

/**
 * What a mapping module gives the SOAP client: the WSDL file, and for each port method the WSDL operation
 * it calls, how the port's arguments become that operation's input object, and how node-soap's output
 * object becomes the port's result. A vendor holding the official WSDL writes another module of this
 * shape (see docs/teleservice.md); the client, its deadlines, retries and circuit breaker stay as they are.
 */
export interface SoapContract {
  /** Absolute path of the WSDL (its XSD imports are resolved beside it). */
  wsdlPath: string;
  consult: SoapOperation<[prescriptionId: string, context?: ConsultContext], Prescription>;
  recordExecution: SoapOperation<
    [prescriptionId: string, sequence: number, execution: ExecutionPayload],
    Acknowledgement
  >;
  updateAfterInvoicing: SoapOperation<
    [prescriptionId: string, sequence: number, invoice: InvoiceUpdate],
    Acknowledgement
  >;
  cancelExecution: SoapOperation<
    [prescriptionId: string, sequence: number, cancellation: Cancellation],
    Acknowledgement
  >;
  search: SoapOperation<[criteria: SearchCriteria], PrescriptionSummary[]>;
  /** The teleservice's fault, read from a SOAP Fault element; undefined when it carries no known detail. */
  fault(fault: SoapReader): ContractFault | undefined;
}

export interface SoapOperation<A extends unknown[], R> {
  /** The operation's name in the WSDL binding. */
  name: string;
  /** The input object, keys in the XSD's sequence order (node-soap writes them in key order). */
  request(...args: A): SoapObject;
  response(output: SoapReader): R;
}

/** A refusal as the teleservice states it: a stable code, and whether the same call may succeed later. */
export interface ContractFault {
  code: string;
  message: string;
  retryable: boolean;
  expectedSequence?: number;
  reason?: string;
}

export type SoapObject = { [key: string]: unknown };

/** A value that cannot cross the wire as the contract says: bad input, or a peer breaking the contract. */
export class MappingError extends Error {
  override name = 'MappingError';

  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an object node-soap parsed (scalars arrive as strings, or as numbers and booleans where the WSDL
 * types them), with the path of the offending element in every error.
 */
export class SoapReader {
  constructor(
    private readonly node: unknown,
    readonly path: string,
  ) {}

  private raw(name: string): unknown {
    if (this.node === null || typeof this.node !== 'object' || Array.isArray(this.node)) {
      throw new MappingError(this.path, 'must be an element with children');
    }
    const value = (this.node as SoapObject)[name];
    return value === null || value === '' ? undefined : value;
  }

  private text(name: string, required: boolean): string | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      if (required) throw new MappingError(`${this.path}.${name}`, 'is required');
      return undefined;
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new MappingError(`${this.path}.${name}`, 'must be text');
  }

  str(name: string): string {
    return this.text(name, true)!;
  }

  optStr(name: string): string | undefined {
    return this.text(name, false);
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    return this.checkOneOf(name, this.str(name), values)!;
  }

  optOneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    return this.checkOneOf(name, this.optStr(name), values);
  }

  private checkOneOf<T extends string>(name: string, text: string | undefined, values: readonly T[]) {
    if (text !== undefined && !values.includes(text as T)) {
      throw new MappingError(`${this.path}.${name}`, `must be one of ${values.join(', ')}`);
    }
    return text as T | undefined;
  }

  int(name: string): number {
    return this.number(name, this.str(name), /^-?\d+$/)!;
  }

  optInt(name: string): number | undefined {
    return this.number(name, this.optStr(name), /^-?\d+$/);
  }

  decimal(name: string): number {
    return this.number(name, this.str(name), /^-?\d+(\.\d+)?$/)!;
  }

  optDecimal(name: string): number | undefined {
    return this.number(name, this.optStr(name), /^-?\d+(\.\d+)?$/);
  }

  private number(name: string, text: string | undefined, shape: RegExp): number | undefined {
    if (text === undefined) return undefined;
    if (!shape.test(text.trim())) throw new MappingError(`${this.path}.${name}`, 'must be a number');
    return Number(text);
  }

  bool(name: string): boolean {
    return this.boolean(name, this.str(name))!;
  }

  optBool(name: string): boolean | undefined {
    return this.boolean(name, this.optStr(name));
  }

  private boolean(name: string, text: string | undefined): boolean | undefined {
    if (text === undefined) return undefined;
    if (!['true', 'false', '1', '0'].includes(text.trim())) {
      throw new MappingError(`${this.path}.${name}`, 'must be a boolean');
    }
    return text.trim() === 'true' || text.trim() === '1';
  }

  date(name: string): string {
    return this.shaped(name, this.str(name), DATE, 'must be YYYY-MM-DD')!;
  }

  optDate(name: string): string | undefined {
    return this.shaped(name, this.optStr(name), DATE, 'must be YYYY-MM-DD');
  }

  dateTime(name: string): string {
    return this.shaped(name, this.str(name), DATE_TIME, 'must be an ISO 8601 instant with offset')!;
  }

  private shaped(name: string, text: string | undefined, shape: RegExp, message: string) {
    if (text !== undefined && !shape.test(text.trim())) {
      throw new MappingError(`${this.path}.${name}`, message);
    }
    return text?.trim();
  }

  obj(name: string): SoapReader {
    const reader = this.optObj(name);
    if (!reader) throw new MappingError(`${this.path}.${name}`, 'is required');
    return reader;
  }

  optObj(name: string): SoapReader | undefined {
    const value = this.raw(name);
    return value === undefined ? undefined : new SoapReader(value, `${this.path}.${name}`);
  }

  /** A wrapper element holding repeated `item` elements (absent or empty: no item). */
  list(name: string, item: string): SoapReader[] {
    const wrapper = this.optObj(name);
    if (!wrapper) return [];
    const items = wrapper.raw(item);
    if (items === undefined) return [];
    return (Array.isArray(items) ? items : [items]).map(
      (value, i) => new SoapReader(value, `${this.path}.${name}[${i}]`),
    );
  }
}

// XML 1.0 forbids most C0 controls even escaped: refuse them rather than send a document a peer rejects.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * An input object for node-soap: drops absent fields (keeping key order) and refuses what XML cannot
 * carry (control characters, non-finite numbers), so a bad value fails here instead of at the peer.
 */
export function soapObject(fields: SoapObject, path: string): SoapObject {
  const out: SoapObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    checkValue(value, `${path}.${key}`);
    out[key] = value;
  }
  return out;
}

function checkValue(value: unknown, path: string): void {
  if (typeof value === 'string' && FORBIDDEN_CHARS.test(value)) {
    throw new MappingError(path, 'contains characters XML cannot carry');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new MappingError(path, 'must be a number');
}

/** A required integer of at least `min` (sequence numbers and the like). */
export function intAtLeast(value: number, min: number, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new MappingError(path, 'must be an integer');
  }
  if (value < min) throw new MappingError(path, `must be >= ${min}`);
  return value;
}

/** A required string matching `shape`. */
export function matching(value: string, shape: RegExp, path: string): string {
  if (typeof value !== 'string' || !shape.test(value))
    throw new MappingError(path, `does not match ${shape}`);
  return value;
}

/** A wrapper element of repeated `item` elements. */
export function wrapped<T>(items: readonly T[], item: string, map: (value: T, i: number) => SoapObject) {
  return { [item]: items.map(map) };
}
