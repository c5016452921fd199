#!/usr/bin/env node
// Compiles src/, devices/, migrations/, clients/ and examples/ to dist/ with swc (about a second); `tsc --noEmit` checks types
// separately. Only files newer than their output are compiled again.
const { transformFileSync } = require('@swc/core');
const { mkdirSync, readdirSync, statSync, writeFileSync, copyFileSync, existsSync } = require('node:fs');
const { join, dirname, relative } = require('node:path');
const options = require('../swc.config.js');

const root = join(__dirname, '..');
const out = join(root, 'dist');
const ASSETS = /\.(wsdl|xsd|json|html|css|js|svg|png|txt)$/;
let compiled = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      walk(path);
      continue;
    }
    const rel = relative(root, path);
    if (/\.(spec|e2e-spec|medium-spec|hw-spec)\.ts$/.test(name)) continue;
    if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      const target = join(out, rel.replace(/\.ts$/, '.js'));
      if (existsSync(target) && statSync(target).mtimeMs >= stat.mtimeMs) continue;
      const { code, map } = transformFileSync(path, {
        ...options,
        filename: path,
        sourceFileName: relative(dirname(target), path),
      });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${name.replace(/\.ts$/, '.js')}.map`);
      if (map) writeFileSync(`${target}.map`, map);
      compiled++;
    } else if (ASSETS.test(name)) {
      const target = join(out, rel);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
    }
  }
}

for (const top of ['src', 'devices', 'migrations', 'clients', 'examples']) walk(join(root, top));
if (process.argv.includes('--verbose')) process.stdout.write(`build: ${compiled} file(s) compiled\n`);
