import { createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { CoreException } from '../errors/core.exception';
import type { AuthenticatedRequest, Principal } from './principal';
import { CORE_DETAILS } from '../errors/error-messages';

/**
 * Which terminal a resource belongs to (API.md § Conventions: a `counter` credential acts only on its own
 * terminal's dispensations, acts, executions and events). Every route a counter may call declares either
 * the rule that finds its terminal (`@Owns`) or why it has none (`@TerminalFree`); the ownership guard
 * enforces the first, and test/security/ownership.security-spec.ts checks the route table for both.
 */
export type OwnedKind = 'dispensation' | 'execution' | 'terminal' | 'device';

export interface OwnershipRule {
  kind: OwnedKind;
  /** Name of the path parameter, query parameter or body field holding the id. */
  name: string;
  from: 'path' | 'query' | 'body';
}

/** Where a resource lives; `terminalId` null for one no terminal owns (refused to every counter). */
export interface Owner {
  pharmacyId: string;
  terminalId: string | null;
}

export type OwnerResolver = (id: string) => Promise<Owner | undefined>;

export const OWNS = 'comptoir:owns';
export const TERMINAL_FREE = 'comptoir:terminal-free';

/**
 * The route acts on the resource of kind `kind` named by `name` (a path parameter by default; lines,
 * packs and acts are reached through their dispensation's id). A missing query or body value means the
 * caller's own terminal.
 */
export const Owns = (kind: OwnedKind, name = 'id', from: OwnershipRule['from'] = 'path') =>
  SetMetadata(OWNS, { kind, name, from } satisfies OwnershipRule);

/** The route touches nothing a terminal owns; the reason is for the reader (and the route-table test). */
export const TerminalFree = (reason: string) => SetMetadata(TERMINAL_FREE, reason);

/**
 * The terminal the request acts for: the caller's own, or for an `lgo` credential the terminal of the
 * resource (or of the `terminalId` given). Undefined for an `lgo` call that names no terminal.
 */
export const ActingTerminal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().actingTerminalId,
);

/** Refuses a terminal that is not the caller's own (403 TERMINAL_MISMATCH); undefined names none. */
export function assertOwnTerminal(principal: Principal, terminalId: string | null | undefined): void {
  if (terminalId !== undefined && terminalId !== principal.terminalId) {
    throw new CoreException(
      'TERMINAL_MISMATCH',
      CORE_DETAILS.TERMINAL_MISMATCH.otherTerminal({ terminalId: principal.terminalId }),
    );
  }
}

/** The acting terminal an `lgo` call must name (body `terminalId`) where the route needs one. */
export function requireTerminal(terminalId: string | undefined): string {
  if (terminalId === undefined) {
    throw new CoreException('VALIDATION_FAILED', CORE_DETAILS.VALIDATION_FAILED.lgoTerminalRequired());
  }
  return terminalId;
}

/** Each stage registers how to find the owner of its resources (core cannot import the stages). */
@Injectable()
export class OwnershipRegistry {
  private readonly resolvers = new Map<OwnedKind, OwnerResolver>();
  private readonly unknowns = new Map<OwnedKind, (id: string) => Error>();

  /**
   * `unknown` builds the kind's usual 404 (e.g. DISPENSATION_UNKNOWN): another pharmacy's resource is
   * answered exactly as one that does not exist.
   */
  register(kind: OwnedKind, resolver: OwnerResolver, unknown?: (id: string) => Error): void {
    this.resolvers.set(kind, resolver);
    if (unknown) this.unknowns.set(kind, unknown);
  }

  /** The error a resource of this kind that does not exist gets (undefined: the generic NOT_FOUND). */
  unknown(kind: OwnedKind, id: string): Error | undefined {
    return this.unknowns.get(kind)?.(id);
  }

  async owner(kind: OwnedKind, id: string): Promise<Owner | undefined> {
    const resolve = this.resolvers.get(kind);
    if (!resolve) throw new Error(`no owner resolver registered for ${kind}`);
    return resolve(id);
  }
}
