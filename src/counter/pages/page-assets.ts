import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { contentSecurityPolicy } from '../../core/http/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface PageAsset {
  body: Buffer;
  type: string;
}

/**
 * The pages' files, read once at start. `assets/` sits beside this file both in src/ (Jest) and in dist/
 * (scripts/build.js copies .html/.css/.js/.svg), so __dirname finds it in both.
 */
export function loadPageAssets(dir = join(__dirname, 'assets')): Map<string, PageAsset> {
  const assets = new Map<string, PageAsset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type && /^[a-z0-9-]+\.[a-z]+$/.test(name))
      assets.set(name, { body: readFileSync(join(dir, name)), type });
  }
  return assets;
}

/** A browser file of an npm package (its UMD build), read once from node_modules. */
export function loadVendorAsset(request: string): PageAsset {
  const path = require.resolve(request);
  return { body: readFileSync(path), type: TYPES[extname(path)] };
}

/** No inline script or style anywhere: everything comes from /assets on this origin. */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};
