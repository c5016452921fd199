import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comptoir } from '../support/api-request';
import { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from '../../src/core/idempotency/idempotency-key.entity';
import { Instances } from '../../src/core/instances/instances.service';
import { startTestApp, TOKENS } from '../support/test-app';

jest.setTimeout(30_000);

const auth = { Authorization: `Bearer ${TOKENS.counter1}` };
const body = { data: '3400941533969', terminalId: 'counter-1' };

describe('Idempotency-Key across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-idem-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a key left in progress by a killed process is released at start: the retry runs', async () => {
    const first = await startTestApp({ keepDataDir: dir });
    const key = 'retry-after-kill';
    // What a SIGKILL between the claim and the answer leaves behind (the claim is the first write): a key
    // in progress, held by this instance (on PostgreSQL released once its instance is gone).
    const probeAnswer = await comptoir(first.url)
      .post('/api/v1/scans')
      .set({ ...auth, 'Idempotency-Key': 'probe' })
      .send(body)
      .expect(201);
    expect(probeAnswer.body.kind).toBe('product-code');
    const repo = first.app.get(DataSource).getRepository(IdempotencyKeyEntity);
    const probe = await repo.findOneByOrFail({ scopedKey: 'counter-1:probe' });
    await repo.insert({
      ...probe,
      scopedKey: `counter-1:${key}`,
      state: 'in-progress',
      owner: first.app.get(Instances).id,
      status: null,
      body: null,
    });
    const blocked = await comptoir(first.url)
      .post('/api/v1/scans')
      .set({ ...auth, 'Idempotency-Key': key })
      .send(body);
    expect([blocked.status, blocked.body.code]).toEqual([409, 'IDEMPOTENCY_IN_PROGRESS']);
    await first.close();

    const second = await startTestApp({ keepDataDir: dir });
    try {
      const retried = await comptoir(second.url)
        .post('/api/v1/scans')
        .set({ ...auth, 'Idempotency-Key': key })
        .send(body);
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      const replay = await comptoir(second.url)
        .post('/api/v1/scans')
        .set({ ...auth, 'Idempotency-Key': key })
        .send(body);
      expect([replay.status, replay.headers['idempotent-replayed'], replay.body.id]).toEqual([
        201,
        'true',
        retried.body.id,
      ]);
    } finally {
      await second.close();
    }
  });
});
