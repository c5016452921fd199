import { Detail, FixedDetail, Text, Title } from '../i18n/messages';

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
  /** Short human title for problem+json, in French and English (API.md § Conventions). */
  title: Title;
}

/** The messages of one code: one entry per way it happens. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DetailGroup = Record<string, Detail<any> | FixedDetail>;

/**
 * A stage's problem details (its `error-messages.ts`): every code of its table has a group, and the stage
 * may word a core code its own way (a VALIDATION_FAILED of its own rules).
 */
export type ErrorDetails<Code extends string> = Record<Code, DetailGroup> & Record<string, DetailGroup>;

/**
 * Base of every stage's exception. Each stage declares one subclass with its own code table, so a code
 * is stable, documented in docs/errors.md and classed retryable or permanent in one place.
 */
export abstract class ComptoirException extends Error {
  readonly code: string;
  readonly status: number;
  readonly kind: ErrorKind;
  /** The problem's `title` and `detail` in both languages; the HTTP edge picks the client's. */
  readonly title: Text;
  readonly detail: Text;
  /** Extra members for the problem+json body (for example `issues`). */
  readonly extra?: Record<string, unknown>;

  /**
   * `detail` comes from the stage's message catalogue (`error-messages.ts`), never a bare string: the
   * English text is the error's `message` (logs, command-line tools), the French one the API's default.
   */
  protected constructor(code: string, spec: ErrorSpec, detail: Text, options?: ExceptionOptions) {
    super(detail.en, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.status = spec.status;
    this.kind = spec.kind;
    this.title = new Text(spec.title.fr, spec.title.en);
    this.detail = detail;
    this.extra = options?.extra;
  }

  get retryable(): boolean {
    return this.kind === 'retryable';
  }
}

/**
 * The one way a stage declares its exception: from its code table, e.g.
 * `export class ScanException extends stageException(SCAN_ERRORS) {}`. The class takes a code of that table
 * only, and its status, kind and title come from the table; its detail from the stage's catalogue.
 */
export function stageException<const Table extends Record<string, ErrorSpec>>(table: Table) {
  return class StageException extends ComptoirException {
    declare readonly code: Extract<keyof Table, string>;

    constructor(code: Extract<keyof Table, string>, detail: Text, options?: ExceptionOptions) {
      super(code, table[code], detail, options);
    }
  };
}
