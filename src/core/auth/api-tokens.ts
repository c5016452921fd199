import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import type { Principal } from './principal';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The configured API tokens (API.md § Conventions), compared as SHA-256 digests in constant time. */
@Injectable()
export class ApiTokens {
  private readonly tokens: { hash: Buffer; principal: Principal }[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Without a `pharmacy/` part a token belongs to the one pharmacy configured.
    this.tokens = config.auth.tokens.map((t) => ({
      hash: digest(t.token),
      principal: { pharmacyId: t.pharmacy ?? config.pharmacies[0].id, terminalId: t.terminal, role: t.role },
    }));
  }

  /** The principal a token names, or undefined. */
  principalFor(token: string): Principal | undefined {
    const hash = digest(token);
    let found: Principal | undefined;
    for (const t of this.tokens) if (timingSafeEqual(t.hash, hash)) found = t.principal;
    return found ? { ...found } : undefined;
  }
}
