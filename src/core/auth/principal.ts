import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export type Role = 'counter' | 'back-office' | 'lgo';

/** Who is calling: the pharmacy, the terminal a token names (`*`, every terminal, for `lgo`) and its role. */
export interface Principal {
  pharmacyId: string;
  terminalId: string;
  role: Role;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** SHA-256 of the page session's id when the request came with the session cookie. */
  sessionKey?: string;
  /** The terminal the request acts for (ownership.guard.ts): the caller's own, or for `lgo` the resource's. */
  actingTerminalId?: string;
}

export const IS_PUBLIC = 'comptoir:public';
export const ROLES = 'comptoir:roles';

/** No token needed (health, docs, pages' login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts an endpoint to these roles; without it any authenticated role may call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return req.principal as Principal;
});
