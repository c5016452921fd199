import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { CoreException } from '../errors/core.exception';
import { AuthenticatedRequest, IS_PUBLIC, Principal, Role, ROLES } from './principal';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Bearer tokens bound to terminals (API.md § Conventions); compared in constant time. */
@Injectable()
export class TokenGuard implements CanActivate {
  private readonly tokens: { hash: Buffer; principal: Principal }[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.tokens = config.auth.tokens.map((t) => ({
      hash: digest(t.token),
      principal: { terminalId: t.terminal, role: t.role },
    }));
  }

  /** The principal a bearer token names, or undefined. */
  authenticate(header: string | undefined): Principal | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m) return undefined;
    const hash = digest(m[1]);
    let found: Principal | undefined;
    for (const t of this.tokens) if (timingSafeEqual(t.hash, hash)) found = t.principal;
    return found;
  }

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(req.headers.authorization);
    if (!principal)
      throw new CoreException('UNAUTHORIZED', 'a valid Authorization: Bearer <token> is required');
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new CoreException('FORBIDDEN', `this endpoint is for the ${roles.join(' or ')} role`);
    }
    return true;
  }
}

/** A terminalId given in a body or query must be the token's own terminal. */
export function assertOwnTerminal(principal: Principal, terminalId: string | undefined): void {
  if (terminalId !== undefined && terminalId !== principal.terminalId) {
    throw new CoreException('TERMINAL_MISMATCH', `this token belongs to terminal ${principal.terminalId}`);
  }
}
