/** How a caller should treat an error: try again later, or give up and report. */
export type ErrorKind = 'retryable' | 'permanent';

export interface ExceptionOptions {
  /** The error this one explains (chained as `cause`). */
  cause?: unknown;
  /** Extra members for the problem+json body. */
  extra?: Record<string, unknown>;
}

export interface ErrorSpec {
  /** HTTP status when the error reaches the API. */
  status: number;
  kind: ErrorKind;
  /** Short human title for problem+json. */
  title: string;
}

/**
 * Base of every stage's exception. Each stage declares one subclass with its own code table, so a code
 * is stable, documented in docs/errors.md and classed retryable or permanent in one place.
 */
export abstract class ComptoirException extends Error {
  readonly code: string;
  readonly status: number;
  readonly kind: ErrorKind;
  readonly title: string;
  /** Extra members for the problem+json body (for example `issues`). */
  readonly extra?: Record<string, unknown>;

  protected constructor(code: string, spec: ErrorSpec, detail: string, options?: ExceptionOptions) {
    super(detail, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.status = spec.status;
    this.kind = spec.kind;
    this.title = spec.title;
    this.extra = options?.extra;
  }

  get retryable(): boolean {
    return this.kind === 'retryable';
  }
}

/**
 * The one way a stage declares its exception: from its code table, e.g.
 * `export class ScanException extends stageException(SCAN_ERRORS) {}`. The class takes a code of that table
 * only, and its status, kind and title come from the table.
 */
export function stageException<const Table extends Record<string, ErrorSpec>>(table: Table) {
  return class StageException extends ComptoirException {
    declare readonly code: Extract<keyof Table, string>;

    constructor(code: Extract<keyof Table, string>, detail: string, options?: ExceptionOptions) {
      super(code, table[code], detail, options);
    }
  };
}
