import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { DeviceRegistry } from '../devices/device-registry';
import { CoreException } from '../errors/core.exception';
import { assertOwnTerminal, Owner, OWNS, OwnershipRegistry, OwnershipRule } from './ownership';
import { AuthenticatedRequest, Principal } from './principal';
import { CORE_DETAILS } from '../errors/error-messages';

/**
 * Runs after the TokenGuard: finds the terminal of the resource a route names (`@Owns`), refuses another
 * pharmacy's (404, as if it did not exist) and, for a counter, another terminal's (403 TERMINAL_MISMATCH),
 * and records the terminal the request acts for (`@ActingTerminal()`).
 */
@Injectable()
export class OwnershipGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: OwnershipRegistry,
    private readonly devices: DeviceRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = req.principal;
    if (!principal) return true; // a public route
    const rule = this.reflector.getAllAndOverride<OwnershipRule | undefined>(OWNS, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const owner = rule ? await this.ownerOf(rule, req, principal) : undefined;
    if (owner) {
      if (owner.pharmacyId !== principal.pharmacyId) {
        // Another pharmacy's resource is answered as one that does not exist: same status, same code.
        const id = String(valueOf(rule!, req));
        throw (
          this.registry.unknown(rule!.kind, id) ??
          new CoreException('NOT_FOUND', CORE_DETAILS.NOT_FOUND.owned({ kind: rule!.kind, id }))
        );
      }
      // A terminalId in a body binds every role but lgo (API.md § Conventions); resources bind counters.
      const bodyTerminal = rule!.kind === 'terminal' && rule!.from === 'body';
      if (principal.role === 'counter' || (bodyTerminal && principal.role !== 'lgo')) {
        assertOwnTerminal(principal, owner.terminalId);
      }
    }
    req.actingTerminalId = principal.role === 'lgo' ? (owner?.terminalId ?? undefined) : principal.terminalId;
    return true;
  }

  private async ownerOf(
    rule: OwnershipRule,
    req: AuthenticatedRequest,
    principal: Principal,
  ): Promise<Owner | undefined> {
    const value = valueOf(rule, req);
    if (value === undefined) return undefined;
    if (rule.kind === 'terminal') {
      // An unknown terminal is the handler's 404; a counter naming it is refused all the same.
      const known = this.config.terminals.find((t) => t.id === value);
      return { pharmacyId: known ? known.pharmacyId : principal.pharmacyId, terminalId: value };
    }
    if (rule.kind === 'device') {
      const device = this.devices.list().find((d) => d.id === value);
      const terminal = device && this.config.terminals.find((t) => t.id === device.terminalId);
      return (
        device && { pharmacyId: terminal?.pharmacyId ?? principal.pharmacyId, terminalId: device.terminalId }
      );
    }
    return this.registry.owner(rule.kind, value);
  }
}

function valueOf(rule: OwnershipRule, req: AuthenticatedRequest): string | undefined {
  const source: unknown =
    rule.from === 'path' ? req.params : rule.from === 'query' ? req.query : (req.body as unknown);
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[rule.name];
  return typeof value === 'string' ? value : undefined;
}
