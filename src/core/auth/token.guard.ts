import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CoreException } from '../errors/core.exception';
import { ApiTokens } from './api-tokens';
import { AuthenticatedRequest, IS_PUBLIC, Principal, Role, ROLES } from './principal';
import { isSameOrigin, SAFE_METHODS } from './same-origin';
import { SessionStore } from './session.store';

/**
 * Bearer tokens bound to terminals (API.md § Conventions), or the pages' session cookie. A request with an
 * Authorization header is judged on it alone; a cookie-authenticated change must be same-origin.
 */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokens,
    private readonly sessions: SessionStore,
  ) {}

  /** The principal a bearer token names, or undefined. */
  authenticate(header: string | undefined): Principal | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return m ? this.tokens.principalFor(m[1]) : undefined;
  }

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.principalOf(req);
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new CoreException('FORBIDDEN', `this endpoint is for the ${roles.join(' or ')} role`);
    }
    return true;
  }

  private principalOf(req: AuthenticatedRequest): Principal {
    if (req.headers.authorization !== undefined) {
      const principal = this.authenticate(req.headers.authorization);
      if (!principal) throw unauthorized();
      return principal;
    }
    const principal = this.sessions.fromCookie(req.headers.cookie);
    if (!principal) throw unauthorized();
    if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) {
      throw new CoreException(
        'CROSS_ORIGIN_REFUSED',
        'a change authenticated by the session cookie must come from a Comptoir page',
      );
    }
    return principal;
  }
}

const unauthorized = () =>
  new CoreException('UNAUTHORIZED', 'a valid Authorization: Bearer <token> or session cookie is required');

/** A terminalId given in a body or query must be the token's own terminal. */
export function assertOwnTerminal(principal: Principal, terminalId: string | undefined): void {
  if (terminalId !== undefined && terminalId !== principal.terminalId) {
    throw new CoreException('TERMINAL_MISMATCH', `this token belongs to terminal ${principal.terminalId}`);
  }
}
