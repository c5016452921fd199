import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The shell blocks of a doc (path from the project root), each under its `<!-- <tag>: <name> … -->` marker. */
export function shellBlocks(doc: string, tag: string): Map<string, string> {
  const text = readFileSync(join(root, doc), 'utf8');
  const blocks = new Map<string, string>();
  for (const m of text.matchAll(
    new RegExp(`<!-- ${tag}: (\\S+)[^>]*-->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``, 'g'),
  )) {
    blocks.set(m[1], m[2]);
  }
  return blocks;
}

/** A block's script pointed at this test's service and sandbox instead of the documented default ports. */
export const pointedAt = (script: string, api: string, sandbox: string) =>
  script.replaceAll('http://127.0.0.1:3000', api).replaceAll('http://127.0.0.1:8089', sandbox);
