import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppConfig, configSchema } from './config.schema';
import { productionRefusals } from './production-refusals';
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

/** `[pharmacy/]terminal:role:token,…` as documented in API.md (commas or line breaks between entries). */
export function parseTokens(value: string, source = 'COMPTOIR_API_TOKENS'): Plain[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const parts = entry.split(':');
      if (parts.length !== 3) throw new ConfigError(`${source} entry must be [pharmacy/]terminal:role:token`);
      const [where, role, token] = parts;
      const slash = where.indexOf('/');
      if (slash < 0) return { terminal: where, role, token };
      return { pharmacy: where.slice(0, slash), terminal: where.slice(slash + 1), role, token };
    });
}

/** The token entries of a secret file (COMPTOIR_API_TOKENS_FILE), and its mode for the production check. */
function readTokenFile(file: string): { tokens: Plain[]; mode: number } {
  let text: string;
  let mode: number;
  try {
    text = readFileSync(file, 'utf8');
    mode = statSync(file).mode & 0o777;
  } catch (err) {
    throw new ConfigError(`cannot read COMPTOIR_API_TOKENS_FILE ${file}: ${(err as Error).message}`);
  }
  return { tokens: parseTokens(text, 'COMPTOIR_API_TOKENS_FILE'), mode };
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
  if (env.COMPTOIR_DATABASE_URL) set(['database', 'url'], env.COMPTOIR_DATABASE_URL);
  if (env.COMPTOIR_TELESERVICE_URL) {
    set(['teleservice', 'url'], env.COMPTOIR_TELESERVICE_URL);
    set(['sandbox', 'embedded'], false);
  }
  if (env.COMPTOIR_REFERENTIAL_URL) set(['referential', 'url'], env.COMPTOIR_REFERENTIAL_URL);
  if (env.COMPTOIR_API_TOKENS) set(['auth', 'tokens'], parseTokens(env.COMPTOIR_API_TOKENS));
  else if (env.COMPTOIR_API_TOKENS_FILE)
    set(['auth', 'tokens'], readTokenFile(env.COMPTOIR_API_TOKENS_FILE).tokens);
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

const tokensIn = (layer: Plain): unknown[] => {
  const tokens = isPlain(layer.auth) ? layer.auth.tokens : undefined;
  return Array.isArray(tokens) ? tokens : [];
};
const signerIn = (layer: Plain): unknown =>
  isPlain(layer.teleservice) ? layer.teleservice.signer : undefined;

/**
 * Loads config/default.yaml, then config/<COMPTOIR_ENV>.yaml, then the file named by COMPTOIR_CONFIG,
 * then environment overrides, and validates the result. Secrets (tokens) only come from the environment
 * or the secret file it names. With COMPTOIR_ENV=production, anything of the sandbox is refused
 * (production-refusals.ts): the ConfigError names each.
 */
export function loadConfig(options: LoadOptions = {}): AppConfig {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? join(projectRoot(), 'config');
  const name = env.COMPTOIR_ENV ?? 'development';
  const yamlLayers = [readYaml(join(dir, 'default.yaml'))];
  const envFile = join(dir, `${name}.yaml`);
  if (existsSync(envFile)) yamlLayers.push(readYaml(envFile));
  if (env.COMPTOIR_CONFIG) yamlLayers.push(readYaml(resolve(env.COMPTOIR_CONFIG)));
  let raw = yamlLayers.reduce((a, b) => deepMerge(a, b), {});
  raw = deepMerge(raw, envOverrides(env));
  if (options.overrides) raw = deepMerge(raw, options.overrides);
  raw.env = name;
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`invalid configuration: ${result.error.issues.map(describeIssue).join('; ')}`);
  }
  if (name === 'production') {
    const refusals = productionRefusals(result.data, {
      tokensFromYaml: yamlLayers.some((l) => tokensIn(l).length > 0),
      signerSet: [...yamlLayers.slice(1), options.overrides ?? {}].some((l) => signerIn(l) !== undefined),
      sandboxTokens: sandboxTokens(dir),
      tokenFileMode:
        env.COMPTOIR_API_TOKENS || !env.COMPTOIR_API_TOKENS_FILE
          ? undefined
          : readTokenFile(env.COMPTOIR_API_TOKENS_FILE).mode,
    });
    if (refusals.length > 0) {
      throw new ConfigError(
        `refusing to start in production:\n${refusals.map((r) => `  - ${r}`).join('\n')}`,
      );
    }
  }
  return result.data;
}

/** The documented, non-secret tokens of the sandbox and test configurations (never valid in production). */
function sandboxTokens(dir: string): Set<string> {
  const found = new Set<string>();
  for (const file of ['sandbox.yaml', 'test.yaml']) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    for (const t of tokensIn(readYaml(path))) {
      if (isPlain(t) && typeof t.token === 'string') found.add(t.token);
    }
  }
  return found;
}
