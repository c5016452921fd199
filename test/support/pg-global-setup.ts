// Global setup of the `-pg` jest projects: one throwaway PostgreSQL cluster for the run (stopped by
// pg-global-teardown.ts). COMPTOIR_TEST_PG_URL set beforehand names an existing one instead.
import { startPgCluster } from '../../scripts/lib/pg-cluster';

interface Holder {
  __comptoirPgCluster?: { stop(): void };
}

export default async function setup(): Promise<void> {
  if (process.env.COMPTOIR_TEST_PG_URL) return;
  const cluster = await startPgCluster();
  process.env.COMPTOIR_TEST_PG_URL = cluster.url;
  (globalThis as Holder).__comptoirPgCluster = cluster;
}
