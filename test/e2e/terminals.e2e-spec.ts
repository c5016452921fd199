import { comptoir } from '../support/api-request';
import { CounterClient } from '../support/counter-client';
import { startTestApp, TestApp, TOKENS } from '../support/test-app';

// Starting the app (migrations, the sandbox) can outlast jest's 5 s default on a loaded machine.
jest.setTimeout(30_000);

const auth = (token = TOKENS.counter1) => ({ Authorization: `Bearer ${token}` });
const MARTIN = { lastName: 'MARTIN', firstName: 'Claire', role: 'preparateur' as const };

describe('terminal operator (API.md § Conventions)', () => {
  let t: TestApp;
  let lgo: CounterClient;
  let counter1: CounterClient;

  beforeAll(async () => {
    t = await startTestApp();
    lgo = new CounterClient(t.url, TOKENS.lgo, '*', 10_000);
    counter1 = new CounterClient(t.url, TOKENS.counter1, 'counter-1', 10_000);
  });

  afterAll(async () => {
    await t.close();
  });

  it("starts with the configuration's default operator, named by the staff registry", async () => {
    const res = await comptoir(t.url).get('/api/v1/terminals/counter-1/operator').set(auth());
    expect(res.body).toEqual({
      rpps: '10001234567',
      lastName: 'TEST',
      firstName: 'PHARMACIEN',
      role: 'pharmacien',
    });
  });

  it('is set by the LGO from the registry and kept in the database; the role never comes from the body', async () => {
    expect((await lgo.putStaff('10009999999', MARTIN)).status).toBe(200);
    const put = await lgo.setOperator('10009999999', undefined, 'counter-1');
    expect(put.status).toBe(200);
    // The old fields are accepted and ignored: a préparateur stays one whatever the body says.
    const claimed = await comptoir(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set(auth(TOKENS.lgo))
      .send({ rpps: '10009999999', lastName: 'X', firstName: 'Y', role: 'pharmacien' });
    expect(claimed.status).toBe(200);
    const get = await comptoir(t.url)
      .get('/api/v1/terminals/counter-1/operator')
      .set(auth(TOKENS.backoffice));
    expect(get.body).toEqual({ rpps: '10009999999', ...MARTIN });
  });

  it('removes a person from the registry (lgo), and a counter cannot', async () => {
    expect((await lgo.putStaff('10009999998', MARTIN)).status).toBe(200);
    const byCounter = await comptoir(t.url).delete('/api/v1/staff/10009999998').set(auth());
    expect(byCounter.status).toBe(403);
    const removed = await lgo.client.DELETE('/api/v1/staff/{rpps}', {
      params: { path: { rpps: '10009999998' } },
    });
    expect(removed.response.status).toBe(204);
    const { data } = await lgo.client.GET('/api/v1/staff');
    expect(data!.items.map((p) => p.rpps)).not.toContain('10009999998');
  });

  it('from the counter, needs the personal code of a registered person', async () => {
    expect((await counter1.setOperator('10001234567', '000000')).status).toBe(200);
    const unknown = await counter1.setOperator('10000000001', '000000');
    expect([unknown.status, unknown.body.code]).toEqual([422, 'OPERATOR_UNKNOWN']);
    const wrong = await counter1.setOperator('10001234567', '999999');
    expect([wrong.status, wrong.body.code]).toEqual([403, 'OPERATOR_CODE_INVALID']);
    const none = await counter1.setOperator('10001234567');
    expect([none.status, none.body.code]).toEqual([403, 'OPERATOR_CODE_INVALID']);
    // MARTIN has no code: only the LGO can put her at a terminal.
    const noCode = await counter1.setOperator('10009999999', '123456');
    expect([noCode.status, noCode.body.code]).toEqual([403, 'OPERATOR_CODE_INVALID']);
  });

  it('refuses a bad RPPS, another terminal, and the back-office role', async () => {
    const bad = await comptoir(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set(auth())
      .send({ rpps: '123', lastName: 'X', firstName: 'Y', role: 'boss' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const other = await counter1.setOperator('10001234567', '000000', 'counter-2');
    expect([other.status, other.body.code]).toEqual([403, 'TERMINAL_MISMATCH']);
    const bo = await comptoir(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set(auth(TOKENS.backoffice))
      .send({ rpps: '10001234567' });
    expect([bo.status, bo.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('answers the retired name and role fields with a Deprecation header (docs/versioning.md)', async () => {
    const legacy = await comptoir(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set(auth(TOKENS.lgo))
      .send({ rpps: '10001234567', lastName: 'TEST' });
    expect(legacy.status).toBe(200);
    expect(legacy.headers.deprecation).toBe('@1796342400');
    expect(legacy.headers.link).toBe('</api/docs#/terminals>; rel="deprecation"');
    const current = await comptoir(t.url)
      .put('/api/v1/terminals/counter-1/operator')
      .set(auth(TOKENS.lgo))
      .send({ rpps: '10001234567' });
    expect(current.status).toBe(200);
    expect(current.headers.deprecation).toBeUndefined();
  });
});
