import { readFileSync } from 'node:fs';

export interface FshCodeSystem {
  id: string;
  title: string;
  /** `^count` as declared, checked against the concepts found. */
  count: number;
  concepts: { code: string; display: string }[];
}

/** Reads the subset of FHIR Shorthand a flat CodeSystem uses: Id, Title, ^count and `* #code "display"`. */
export function parseFshCodeSystem(text: string): FshCodeSystem {
  const id = /^Id:\s*(\S+)/m.exec(text)?.[1];
  const title = /^Title:\s*"([^"]*)"/m.exec(text)?.[1];
  const count = Number(/^\* \^count = (\d+)/m.exec(text)?.[1]);
  const concepts = [...text.matchAll(/^\* #([\w.]+) "([^"]*)"\s*$/gm)].map((m) => ({
    code: m[1],
    display: m[2],
  }));
  if (!id || !title) throw new Error('FSH CodeSystem without Id or Title');
  if (concepts.length !== count) throw new Error(`${id}: ^count ${count} but ${concepts.length} concepts`);
  return { id, title, count, concepts };
}

export function readFshCodeSystem(file: string): FshCodeSystem {
  return parseFshCodeSystem(readFileSync(file, 'utf8'));
}
