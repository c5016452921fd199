import { HttpException } from '@nestjs/common';
import { ComptoirException } from './comptoir.exception';
import { CORE_ERRORS, CoreErrorCode } from './core.exception';

/** RFC 9457 problem details with Comptoir's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  [extra: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://comptoir.invalid/errors/';

function problem(code: string, status: number, title: string, detail: string, extra?: object): Problem {
  // Extra members first: they may never overwrite the problem's own type, status or code.
  return { ...extra, type: PROBLEM_TYPE_BASE + code, title, status, code, detail };
}

const STATUS_CODES: Record<number, CoreErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/** Maps anything thrown to a problem; `internal` tells the caller to log it as a bug. */
export function toProblem(err: unknown): { problem: Problem; internal: boolean } {
  if (err instanceof ComptoirException) {
    return {
      problem: problem(err.code, err.status, err.title, err.message, err.extra),
      internal: err.status >= 500 && err.code === 'INTERNAL_ERROR',
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    const body = err.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? ([] as unknown[]).concat((body as { message: unknown }).message).join('; ')
        : err.message;
    return { problem: problem(code, status, CORE_ERRORS[code].title, message), internal: status >= 500 };
  }
  const bp = err as BodyParserError;
  if (bp && typeof bp === 'object' && bp.type === 'entity.too.large') {
    return {
      problem: problem(
        'PAYLOAD_TOO_LARGE',
        413,
        CORE_ERRORS.PAYLOAD_TOO_LARGE.title,
        'request body exceeds the limit',
      ),
      internal: false,
    };
  }
  if (bp && typeof bp === 'object' && bp.type === 'entity.parse.failed') {
    return {
      problem: problem(
        'MALFORMED_JSON',
        400,
        CORE_ERRORS.MALFORMED_JSON.title,
        'request body is not valid JSON',
      ),
      internal: false,
    };
  }
  if (bp && typeof bp === 'object' && bp.expose && typeof bp.status === 'number' && bp.status < 500) {
    const code = STATUS_CODES[bp.status] ?? 'VALIDATION_FAILED';
    return { problem: problem(code, bp.status, CORE_ERRORS[code].title, bp.message ?? ''), internal: false };
  }
  return {
    problem: problem(
      'INTERNAL_ERROR',
      500,
      CORE_ERRORS.INTERNAL_ERROR.title,
      'unexpected error; it was logged',
    ),
    internal: true,
  };
}
