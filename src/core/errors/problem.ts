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

/** URLs, IP addresses and host:port pairs: what a server error must not tell a client about the network. */
const ADDRESS = new RegExp(
  [
    String.raw`\b[a-z][a-z0-9+.-]*://[^\s)'"]+`, // a URL
    String.raw`\[[0-9a-f:.]+\](?::\d+)?`, // [IPv6]:port
    String.raw`(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?(?::\d+)?`, // IPv6
    String.raw`\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b`, // IPv4[:port]
    String.raw`\b(?=[a-z0-9.-]*[a-z])[a-z0-9.-]+:\d{2,5}\b`, // host:port
    String.raw`(?<=\b(?:ENOTFOUND|EAI_AGAIN) )\S+`, // the name a DNS look-up failed on
  ].join('|'),
  'gi',
);

/** A 5xx detail without internal addresses (the cause, with them, goes to the log). */
export function withoutAddresses(detail: string): string {
  return detail.replace(ADDRESS, '…');
}

function problem(code: string, status: number, title: string, detail: string, extra?: object): Problem {
  // Extra members first: they may never overwrite the problem's own type, status or code.
  const shown = status >= 500 ? withoutAddresses(detail) : detail;
  return { ...extra, type: PROBLEM_TYPE_BASE + code, title, status, code, detail: shown };
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
