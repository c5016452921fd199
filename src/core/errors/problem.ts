import { HttpException } from '@nestjs/common';
import { ComptoirException } from './comptoir.exception';
import { Detail, Language, Text } from '../i18n/messages';
import { CORE_ERRORS, CoreErrorCode } from './core.exception';
import { CORE_DETAILS } from './error-messages';

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

function problem(
  code: string,
  status: number,
  title: string,
  detail: string,
  extra?: Record<string, unknown>,
): Problem {
  // Extra members first: they may never overwrite the problem's own type, status or code.
  const shown = status >= 500 ? withoutAddresses(detail) : detail;
  const out: Problem = { ...extra, type: PROBLEM_TYPE_BASE + code, title, status, code, detail: shown };
  // One source for when to come back: the body's retryAfterSeconds, in whole seconds, is what the
  // Retry-After header says (ProblemFilter); every 503 and 429 has one.
  const retryAfter = extra?.retryAfterSeconds;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter))
    out.retryAfterSeconds = Math.max(1, Math.ceil(retryAfter));
  else if (status === 503 || status === 429) out.retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
  return out;
}

/** When a 503 or 429 that says nothing more precise asks the client to come back. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

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

/** What a framework error (Nest's HttpException, a body parser's) says, in both languages. */
function frameworkDetail(code: CoreErrorCode, message: string): Text {
  const route = /^Cannot ([A-Z]+) (\S+)$/.exec(message);
  if (code === 'NOT_FOUND' && route)
    return CORE_DETAILS.NOT_FOUND.route({ method: route[1], path: route[2] });
  const own = (CORE_DETAILS[code] as { framework?: Detail<{ message: string }> }).framework;
  return (own ?? CORE_DETAILS.VALIDATION_FAILED.framework)({ message });
}

function coreProblem(code: CoreErrorCode, status: number, detail: Text, language: Language): Problem {
  return problem(code, status, CORE_ERRORS[code].title[language], detail.in(language));
}

/**
 * Maps anything thrown to a problem, its title and detail in `language` (French unless the client asked
 * for English); `internal` tells the caller to log it as a bug.
 */
export function toProblem(err: unknown, language: Language = 'fr'): { problem: Problem; internal: boolean } {
  if (err instanceof ComptoirException) {
    return {
      problem: problem(err.code, err.status, err.title.in(language), err.detail.in(language), err.extra),
      internal: err.status >= 500 && err.code === 'INTERNAL_ERROR',
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    if (code === 'INTERNAL_ERROR') {
      return {
        problem: coreProblem(code, 500, CORE_DETAILS.INTERNAL_ERROR.unexpected(), language),
        internal: true,
      };
    }
    const body = err.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? ([] as unknown[]).concat((body as { message: unknown }).message).join('; ')
        : err.message;
    return { problem: coreProblem(code, status, frameworkDetail(code, message), language), internal: false };
  }
  const bp = err as BodyParserError;
  if (bp && typeof bp === 'object' && bp.type === 'entity.too.large') {
    const detail = CORE_DETAILS.PAYLOAD_TOO_LARGE.overLimit();
    return { problem: coreProblem('PAYLOAD_TOO_LARGE', 413, detail, language), internal: false };
  }
  if (bp && typeof bp === 'object' && bp.type === 'entity.parse.failed') {
    const detail = CORE_DETAILS.MALFORMED_JSON.notJson();
    return { problem: coreProblem('MALFORMED_JSON', 400, detail, language), internal: false };
  }
  if (bp && typeof bp === 'object' && bp.expose && typeof bp.status === 'number' && bp.status < 500) {
    const code = STATUS_CODES[bp.status] ?? 'VALIDATION_FAILED';
    const detail = frameworkDetail(code, bp.message ?? '');
    return { problem: coreProblem(code, bp.status, detail, language), internal: false };
  }
  const detail = CORE_DETAILS.INTERNAL_ERROR.unexpected();
  return { problem: coreProblem('INTERNAL_ERROR', 500, detail, language), internal: true };
}
