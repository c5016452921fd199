import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

// The API.md endpoints implemented so far; the OpenAPI document generated from the code must list each.
const CONTRACT: [string, string][] = [
  ['post', '/api/v1/scans'],
  ['post', '/api/v1/scans/image'],
  ['get', '/api/v1/devices'],
  ['post', '/api/v1/devices/{id}/simulate'],
  ['get', '/api/v1/events'],
  ['put', '/api/v1/terminals/{id}/operator'],
  ['get', '/api/v1/staff'],
  ['put', '/api/v1/staff/{rpps}'],
  ['delete', '/api/v1/staff/{rpps}'],
  ['get', '/health'],
  ['get', '/api/v1/prescriptions/{id}'],
  ['post', '/api/v1/prescriptions/{id}/retrieve'],
  ['post', '/api/v1/dispensations'],
  ['post', '/api/v1/dispensations/{id}/invoice'],
  ['get', '/api/v1/dispensations/{id}'],
  ['post', '/api/v1/dispensations/{id}/packs'],
  ['delete', '/api/v1/dispensations/{id}/packs/{packId}'],
  ['post', '/api/v1/dispensations/{id}/lines/{lineId}/manual-delivery'],
  ['get', '/api/v1/executions'],
  ['get', '/api/v1/executions/{id}'],
  ['post', '/api/v1/executions/{id}/retry'],
  ['post', '/api/v1/executions/{id}/cancel'],
];

describe('OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('is served at /api/docs-json without a token and lists the contract', async () => {
    const res = await request(t.url).get('/api/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    for (const [method, path] of CONTRACT) expect(paths[path]?.[method]).toBeDefined();
  });

  it('serves the human page at /api/docs', async () => {
    const res = await request(t.url).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger/i);
  });
});
