import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export type Role = 'counter' | 'back-office';

/** Who is calling: the terminal a token names and its role. */
export interface Principal {
  terminalId: string;
  role: Role;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
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
