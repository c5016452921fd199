import { join } from 'node:path';
import type { Clock } from '../../core/clock/clock';
import type { AppConfig } from '../../core/config/config.schema';
import { DirectoryOctAdapter } from './adapters/directory-oct.adapter';
import { HttpOctAdapter } from './adapters/http-oct.adapter';
import type { OctPort } from './oct.port';

/** A configuration the service must not start with (the message names the key). */
export class OctConfigError extends Error {
  override name = 'OctConfigError';
}

/**
 * The OCT adapter `oct.adapter` names, or undefined for `none` (no report is queued). The `http` secret is
 * read from the environment variable `oct.secretEnv` (never from the YAML): missing, the service stops.
 */
export function createOctAdapter(
  config: Pick<AppConfig, 'oct' | 'dataDir'>,
  clock: Clock,
  env: NodeJS.ProcessEnv = process.env,
): OctPort | undefined {
  const oct = config.oct;
  if (oct.adapter === 'directory')
    return new DirectoryOctAdapter(oct.directory ?? join(config.dataDir, 'oct-reports'));
  if (oct.adapter === 'http') {
    const secret = env[oct.secretEnv];
    if (!secret) throw new OctConfigError(`oct.adapter http: set the signing secret in ${oct.secretEnv}`);
    return new HttpOctAdapter(oct.url!, secret, oct.timeoutMs, clock);
  }
  return undefined;
}
