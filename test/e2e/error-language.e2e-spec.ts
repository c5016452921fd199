import { type ApiResponse, comptoir } from '../support/api-request';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

// Starting the app (migrations, the sandbox) can outlast jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

// API.md § Conventions: problem title and detail are French; English only when Accept-Language puts `en`
// first. Codes and statuses never change. Each kind of refusal the HTTP edge builds, through the whole app.

const auth = { Authorization: `Bearer ${TOKENS.counter1}` };
const EN = { 'Accept-Language': 'en-GB,en;q=0.9,fr;q=0.8' };

describe('problem+json in the client language (whole app)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const both = async (send: (headers: Record<string, string>) => PromiseLike<ApiResponse>) => {
    const fr = await send({ ...auth, 'Accept-Language': 'fr' });
    const en = await send({ ...auth, ...EN });
    expect([fr.status, fr.body.code, fr.body.type]).toEqual([en.status, en.body.code, en.body.type]);
    expect(fr.headers['content-type']).toMatch(/^application\/problem\+json/);
    // No header at all: French too.
    const none = await send(auth);
    expect([none.body.title, none.body.detail]).toEqual([fr.body.title, fr.body.detail]);
    return { fr: fr.body, en: en.body };
  };

  it("a stage's error: DISPENSATION_UNKNOWN", async () => {
    const id = '00000000-0000-0000-0000-000000000000';
    const { fr, en } = await both((h) => comptoir(t.url).get(`/api/v1/dispensations/${id}`).set(h));
    expect(fr).toMatchObject({
      code: 'DISPENSATION_UNKNOWN',
      title: 'Dispensation introuvable',
      detail: `Aucune dispensation ${id}`,
    });
    expect(en).toMatchObject({ title: 'No such dispensation', detail: `no dispensation ${id}` });
  });

  it('a route that does not exist: NOT_FOUND', async () => {
    const { fr, en } = await both((h) => comptoir(t.url).get('/api/v1/nowhere').set(h));
    expect(fr).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      title: 'Ressource introuvable',
      detail: 'Aucun service ne répond à GET /api/v1/nowhere',
    });
    expect(en).toMatchObject({ title: 'No such resource', detail: 'Cannot GET /api/v1/nowhere' });
  });

  it("a body that breaks the DTO's rules: VALIDATION_FAILED names each field", async () => {
    const { fr, en } = await both((h) =>
      comptoir(t.url).post('/api/v1/scans').set(h).send({ data: 5, encoding: 'hex', extra: true }),
    );
    expect(fr.code).toBe('VALIDATION_FAILED');
    expect(fr.title).toBe('Requête invalide : un champ ou un paramètre est incorrect');
    expect(fr.detail).toContain("Le champ « extra » n'est pas attendu");
    expect(fr.detail).toContain('« data » doit être du texte');
    expect(fr.detail).toContain("« encoding » doit valoir l'une de ces valeurs : text, base64");
    expect(en.detail).toContain('property extra should not exist');
    expect(en.detail).toContain('data must be a string');
    expect(en.detail).toContain('encoding must be one of the following values: text, base64');
  });

  it('a DTO format said in both languages: the prescription ID', async () => {
    const { fr, en } = await both((h) =>
      comptoir(t.url).post('/api/v1/dispensations').set(h).send({ prescriptionId: 'ON-1' }),
    );
    expect([fr.code, fr.detail]).toEqual([
      'VALIDATION_FAILED',
      '« prescriptionId » : de 1 à 64 lettres et chiffres',
    ]);
    expect(en.detail).toBe('prescriptionId: 1 to 64 letters and digits');
  });

  it('a body that is not JSON: MALFORMED_JSON', async () => {
    const { fr, en } = await both((h) =>
      comptoir(t.url).post('/api/v1/scans').set(h).set('Content-Type', 'application/json').send('{"data":'),
    );
    expect(fr).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
      detail: "Le corps de la requête n'est pas du JSON valide",
    });
    expect(en.detail).toBe('request body is not valid JSON');
  });

  it('a scan that parses as nothing: a scan error', async () => {
    const { fr, en } = await both((h) => comptoir(t.url).post('/api/v1/scans').set(h).send({ data: 'zz' }));
    expect(fr).toMatchObject({
      status: 422,
      code: 'UNKNOWN_CODE',
      title: 'Code non reconnu',
      detail: 'Code non reconnu de 2 caractères',
    });
    expect(en).toMatchObject({ title: 'Code not recognised', detail: 'unrecognised code of 2 characters' });
  });

  it('no token: UNAUTHORIZED, in the language asked', async () => {
    const fr = await comptoir(t.url).get('/api/v1/staff');
    const en = await comptoir(t.url).get('/api/v1/staff').set(EN);
    expect([fr.status, fr.body.code, en.body.code]).toEqual([401, 'UNAUTHORIZED', 'UNAUTHORIZED']);
    expect(fr.body.detail).toBe(
      'Il faut un en-tête « Authorization: Bearer <jeton> » valide ou un cookie de session',
    );
    expect(en.body.detail).toBe('a valid Authorization: Bearer <token> or session cookie is required');
  });
});
