import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { CoreException } from './core.exception';
import { CORE_DETAILS } from './error-messages';
import { toProblem } from './problem';

describe('toProblem (API.md § Conventions: French unless the client asks for English)', () => {
  const err = new CoreException(
    'TERMINAL_UNKNOWN',
    CORE_DETAILS.TERMINAL_UNKNOWN.unknown({ id: 'counter-9' }),
  );

  it('gives title and detail in French by default, in English on request, with the same code', () => {
    expect(toProblem(err).problem).toEqual({
      type: 'https://comptoir.invalid/errors/TERMINAL_UNKNOWN',
      status: 404,
      code: 'TERMINAL_UNKNOWN',
      title: 'Poste inconnu',
      detail: 'Aucun poste counter-9 dans la configuration',
    });
    expect(toProblem(err, 'en').problem).toMatchObject({
      code: 'TERMINAL_UNKNOWN',
      title: 'No such terminal',
      detail: 'no terminal counter-9',
    });
    // The error's own message (logs, command-line tools) is the English detail.
    expect(err.message).toBe('no terminal counter-9');
  });

  it("says Nest's 404 for an unknown route in French, and as Nest does in English", () => {
    const route = new NotFoundException('Cannot GET /api/v1/nowhere');
    expect(toProblem(route).problem).toMatchObject({
      code: 'NOT_FOUND',
      title: 'Ressource introuvable',
      detail: 'Aucun service ne répond à GET /api/v1/nowhere',
    });
    expect(toProblem(route, 'en').problem.detail).toBe('Cannot GET /api/v1/nowhere');
  });

  it("gives another framework refusal the code's French words, and its own in English", () => {
    const refused = new ForbiddenException('Forbidden resource');
    expect(toProblem(refused).problem).toMatchObject({ code: 'FORBIDDEN', detail: 'Accès refusé' });
    expect(toProblem(refused, 'en').problem.detail).toBe('Forbidden resource');
  });

  it('maps body-parser errors that reach it, and anything else to INTERNAL_ERROR', () => {
    expect(toProblem({ type: 'entity.parse.failed', status: 400 }).problem).toMatchObject({
      code: 'MALFORMED_JSON',
      detail: "Le corps de la requête n'est pas du JSON valide",
    });
    expect(toProblem({ type: 'entity.too.large', status: 413 }, 'en').problem).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'request body exceeds the limit',
    });
    const bug = toProblem(new Error('boom at http://10.0.0.1:8080/x'));
    expect([bug.internal, bug.problem.status, bug.problem.detail]).toEqual([
      true,
      500,
      'Erreur inattendue ; elle est consignée dans le journal',
    ]);
  });

  describe('retryAfterSeconds: one source for the body and the Retry-After header', () => {
    it('rounds a given delay up to whole seconds, at least 1', () => {
      const locked = new CoreException(
        'OPERATOR_LOCKED',
        CORE_DETAILS.OPERATOR_LOCKED.locked({ minutes: 1 }),
        {
          extra: { retryAfterSeconds: 12.2 },
        },
      );
      expect(toProblem(locked).problem.retryAfterSeconds).toBe(13);
      const soon = new CoreException('OPERATOR_LOCKED', CORE_DETAILS.OPERATOR_LOCKED.locked({ minutes: 1 }), {
        extra: { retryAfterSeconds: 0 },
      });
      expect(toProblem(soon).problem.retryAfterSeconds).toBe(1);
    });

    it('gives every 503 and 429 one, and no other status', () => {
      const db = new CoreException('DATABASE_UNAVAILABLE', CORE_DETAILS.DATABASE_UNAVAILABLE.unavailable());
      expect(toProblem(db).problem.retryAfterSeconds).toBe(5);
      expect(toProblem(err).problem.retryAfterSeconds).toBeUndefined();
    });
  });
});
