import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppConfig, configSchema } from './config.schema';
import { projectRoot } from './project-root';

/** Raised at boot when the configuration is invalid; the message names the offending key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge where arrays and scalars of the later source replace the earlier ones. */
export function deepMerge(a: Plain, b: Plain): Plain {
  const out: Plain = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = isPlain(v) && isPlain(out[k]) ? deepMerge(out[k] as Plain, v) : v;
  }
  return out;
}

function readYaml(file: string): Plain {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read configuration file ${file}: ${(err as Error).message}`);
  }
  if (doc == null) return {};
  if (!isPlain(doc)) throw new ConfigError(`configuration file ${file} must hold a mapping`);
  return doc;
}

function intEnv(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function boolEnv(name: string, value: string): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(`${name} must be 1 or 0, got "${value}"`);
}

/** `terminal:role:token,…` as documented in API.md. */
export function parseTokens(value: string): Plain[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const parts = entry.split(':');
      if (parts.length !== 3) throw new ConfigError(`COMPTOIR_API_TOKENS entry must be terminal:role:token`);
      const [terminal, role, token] = parts;
      return { terminal, role, token };
    });
}

function envOverrides(env: NodeJS.ProcessEnv): Plain {
  const o: Plain = {};
  const set = (path: string[], value: unknown) => {
    let node = o;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Plain;
    node[path[path.length - 1]] = value;
  };
  if (env.COMPTOIR_PORT) set(['server', 'port'], intEnv('COMPTOIR_PORT', env.COMPTOIR_PORT));
  if (env.COMPTOIR_SANDBOX_PORT)
    set(['sandbox', 'port'], intEnv('COMPTOIR_SANDBOX_PORT', env.COMPTOIR_SANDBOX_PORT));
  if (env.COMPTOIR_DATA_DIR) set(['dataDir'], env.COMPTOIR_DATA_DIR);
  if (env.COMPTOIR_TELESERVICE_URL) {
    set(['teleservice', 'url'], env.COMPTOIR_TELESERVICE_URL);
    set(['sandbox', 'embedded'], false);
  }
  if (env.COMPTOIR_REFERENTIAL_URL) set(['referential', 'url'], env.COMPTOIR_REFERENTIAL_URL);
  if (env.COMPTOIR_API_TOKENS) set(['auth', 'tokens'], parseTokens(env.COMPTOIR_API_TOKENS));
  if (env.COMPTOIR_LOG_LEVEL) set(['log', 'level'], env.COMPTOIR_LOG_LEVEL);
  if (env.COMPTOIR_LOG_PRETTY)
    set(['log', 'pretty'], boolEnv('COMPTOIR_LOG_PRETTY', env.COMPTOIR_LOG_PRETTY));
  return o;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') {
    const base = issue.path.length ? `${key}.` : '';
    return `unknown key ${issue.keys.map((k) => base + k).join(', ')}`;
  }
  return `${key}: ${issue.message}`;
}

export interface LoadOptions {
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra values merged last (tests). */
  overrides?: Plain;
}

/**
 * Loads config/default.yaml, then config/<COMPTOIR_ENV>.yaml, then the file named by COMPTOIR_CONFIG,
 * then environment overrides, and validates the result. Secrets (tokens) only come from the environment.
 */
export function loadConfig(options: LoadOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? join(projectRoot(), 'config');
  const name = env.COMPTOIR_ENV ?? 'development';
  let raw = readYaml(join(dir, 'default.yaml'));
  const envFile = join(dir, `${name}.yaml`);
  if (existsSync(envFile)) raw = deepMerge(raw, readYaml(envFile));
  if (env.COMPTOIR_CONFIG) raw = deepMerge(raw, readYaml(resolve(env.COMPTOIR_CONFIG)));
  raw = deepMerge(raw, envOverrides(env));
  if (options.overrides) raw = deepMerge(raw, options.overrides);
  raw.env = name;
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`invalid configuration: ${result.error.issues.map(describeIssue).join('; ')}`);
  }
  return result.data;
}
