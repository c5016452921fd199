import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CoreException } from '../errors/core.exception';
import { ApiTokens } from './api-tokens';
import { AuthenticatedRequest, IS_PUBLIC, Principal, Role, ROLES } from './principal';
import { isSameOrigin, SAFE_METHODS } from './same-origin';
import { SessionStore } from './session.store';
import { CORE_DETAILS } from '../errors/error-messages';

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

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.principalOf(req);
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new CoreException('FORBIDDEN', CORE_DETAILS.FORBIDDEN.role({ roles }));
    }
    return true;
  }

  private async principalOf(req: AuthenticatedRequest): Promise<Principal> {
    if (req.headers.authorization !== undefined) {
      const principal = this.authenticate(req.headers.authorization);
      if (!principal) throw unauthorized();
      return principal;
    }
    const session = await this.sessions.fromCookie(req.headers.cookie);
    if (!session) throw unauthorized();
    if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) {
      throw new CoreException('CROSS_ORIGIN_REFUSED', CORE_DETAILS.CROSS_ORIGIN_REFUSED.sessionChange());
    }
    req.sessionKey = session.key;
    return session.principal;
  }
}

const unauthorized = () => new CoreException('UNAUTHORIZED', CORE_DETAILS.UNAUTHORIZED.missing());
