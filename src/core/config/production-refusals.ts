import type { AppConfig } from './config.schema';

/** What the loader knows about where values came from, beyond the validated configuration. */
export interface ConfigFacts {
  /** Some YAML layer listed `auth.tokens`. */
  tokensFromYaml: boolean;
  /** `teleservice.signer` was written by the operator (not left to the default). */
  signerSet: boolean;
  /** The tokens the sandbox and test configurations ship (documented, therefore public). */
  sandboxTokens: Set<string>;
  /** Permission bits of COMPTOIR_API_TOKENS_FILE when the tokens came from it. */
  tokenFileMode?: number;
}

/**
 * Everything of the sandbox that production must not run with (API.md § Running): one sentence per
 * refusal, naming the key or the variable to change. An empty list means the configuration may start.
 */
export function productionRefusals(config: AppConfig, facts: ConfigFacts): string[] {
  const out: string[] = [];
  const known = config.auth.tokens.filter((t) => facts.sandboxTokens.has(t.token));
  for (const t of known) {
    out.push(`auth.tokens: the sandbox token of ${t.terminal} (${t.role}) is public; issue a secret one`);
  }
  if (facts.tokensFromYaml) {
    out.push(
      'auth.tokens: tokens read from a YAML file; production tokens come from COMPTOIR_API_TOKENS or COMPTOIR_API_TOKENS_FILE',
    );
  }
  if (facts.tokenFileMode !== undefined && (facts.tokenFileMode & 0o077) !== 0) {
    const mode = facts.tokenFileMode.toString(8).padStart(3, '0');
    out.push(`COMPTOIR_API_TOKENS_FILE is readable by others (mode ${mode}); chmod 600 it`);
  }
  if (!facts.signerSet) {
    out.push('teleservice.signer is not set; production signs with the pharmacist card (external)');
  } else if (config.teleservice.signer === 'test-pki') {
    out.push('teleservice.signer: test-pki signs with the generated test card');
  }
  for (const t of config.terminals) {
    for (const s of t.scanners) {
      if (s.driver === 'sim') out.push(`terminals.${t.id}.scanners.${s.id}: simulated scanner (driver: sim)`);
    }
    if (t.vitale.driver === 'sim') out.push(`terminals.${t.id}.vitale: simulated card reader (driver: sim)`);
  }
  if (config.sandbox.simulation) {
    out.push('sandbox.simulation: the device simulation routes (POST /api/v1/devices/:id/simulate)');
  }
  if (config.sandbox.embedded) {
    out.push(
      'sandbox.embedded: the bundled teleservice sandbox; set teleservice.url or COMPTOIR_TELESERVICE_URL',
    );
  }
  return out;
}
