import { uncovered } from './openapi-coverage';

describe('openapi coverage', () => {
  const document = {
    paths: {
      '/health': { get: {} },
      '/api/v1/scans': { post: {}, parameters: [] },
      '/api/v1/webhooks/{id}': { delete: {}, get: {} },
    },
  };

  it('lists the operations no checked answer came from, whatever the statuses seen', () => {
    const seen = 'get /health 200\npost /api/v1/scans 422\nget /api/v1/webhooks/{id} 404\n';
    expect(uncovered(document, seen)).toEqual(['DELETE /api/v1/webhooks/{id}']);
  });

  it('lists every operation when nothing was seen', () => {
    expect(uncovered(document, '')).toHaveLength(4);
  });
});
