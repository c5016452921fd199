interface Holder {
  __comptoirPgCluster?: { stop(): void };
}

export default function teardown(): void {
  const holder = globalThis as Holder;
  holder.__comptoirPgCluster?.stop();
  holder.__comptoirPgCluster = undefined;
}
