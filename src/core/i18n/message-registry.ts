import { Injectable } from '@nestjs/common';
import { Catalogue, Language, MessageParams, render, Text } from './messages';

/**
 * What a catalogue covers: `Issue.message` by issue code. (An error carries its title and detail as Texts
 * from its stage's catalogue, so the problem filter needs no look-up.)
 */
export type CatalogueKind = 'issue';

/** An issue as it leaves the API (API.md `Issue`): its message is rebuilt from its code and details. */
interface IssueLike {
  code: string;
  severity: string;
  message: string;
  details?: MessageParams;
}

const SEVERITIES = new Set(['info', 'warning', 'blocking']);

function isIssue(value: unknown): value is IssueLike {
  const v = value as IssueLike;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.code === 'string' &&
    typeof v.message === 'string' &&
    SEVERITIES.has(v.severity)
  );
}

/**
 * The message catalogues of the stages, registered at start (core imports no stage): the HTTP edge asks it
 * for a code's message in the client's language.
 */
@Injectable()
export class MessageRegistry {
  private readonly catalogues: Record<CatalogueKind, Catalogue[]> = { issue: [] };

  register(kind: CatalogueKind, catalogue: Catalogue): void {
    if (!this.catalogues[kind].includes(catalogue)) this.catalogues[kind].push(catalogue);
  }

  message(kind: CatalogueKind, code: string, params: MessageParams | undefined, language: Language) {
    for (const c of this.catalogues[kind]) {
      const text = render(c, code, params, language);
      if (text !== undefined) return text;
    }
    return undefined;
  }

  /**
   * A copy of `value` in `language`: its issues (anywhere in it) carry their message in it, and each Text
   * (a message of a catalogue, such as a rejection file's line error) is that language's string.
   */
  localise<T>(value: T, language: Language): T {
    const walk = (v: unknown): unknown => {
      if (v instanceof Text) return v.in(language);
      if (Array.isArray(v)) return v.map(walk);
      if (typeof v !== 'object' || v === null || v instanceof Date) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      if (isIssue(v)) out.message = this.message('issue', v.code, v.details, language) ?? v.message;
      return out;
    };
    return walk(value) as T;
  }
}
