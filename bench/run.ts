// `npm run bench`: prints the figures recorded in docs/PERFORMANCE.md. Not run by CI.
import { cpus } from 'node:os';
import { benchHostileImages } from './hostile-images.bench';
import { benchImages } from './images.bench';
import { benchMedicines } from './medicines.bench';
import { benchOutbox } from './outbox.bench';
import { benchParse, benchSlowestInputs } from './parse.bench';
import { benchReconciliation, benchReconciliationApi } from './reconciliation.bench';
import { benchScanLatency } from './scan-latency.bench';
import { benchTeleservice } from './teleservice.bench';
import { benchVitale } from './vitale.bench';
import { benchWebcam } from './webcam.bench';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  console.log(
    `# Comptoir bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cpu(s)\n`,
  );
  if (want('parse')) {
    console.log('## Parse throughput per kind\n');
    console.log(benchParse().join('\n') + '\n');
    console.log('## Slowest input per parser: hostile corpus and arbitrary input\n');
    console.log(benchSlowestInputs(Number(process.env.BENCH_FUZZ ?? 10_000)).join('\n') + '\n');
  }
  if (want('scan')) {
    console.log('## Scanner to event stream, cold start, memory\n');
    console.log((await benchScanLatency(Number(process.env.BENCH_SCANS ?? 1000))).join('\n') + '\n');
  }
  if (want('teleservice')) {
    console.log('## Teleservice: scan to prescription, SOAP round trip, signing\n');
    console.log((await benchTeleservice(Number(process.env.BENCH_RETRIEVALS ?? 500))).join('\n') + '\n');
  }
  if (want('vitale')) {
    console.log('## Carte Vitale: insertion to card-holder event through pcscd\n');
    console.log((await benchVitale()).join('\n') + '\n');
  }
  if (want('medicines')) {
    console.log('## Medicines referential: full BDPM import, memory, look-ups\n');
    console.log((await benchMedicines(Number(process.env.BENCH_LOOKUPS ?? 100_000))).join('\n') + '\n');
  }
  if (want('images')) {
    console.log('## Codes from images: Comptoir vs zbarimg and dmtxread\n');
    console.log((await benchImages()).join('\n') + '\n');
  }
  if (want('webcam')) {
    console.log(
      '## Counter webcam: decode time per 1280×720 frame, Chromium (@zxing/browser) vs Node (@zxing/library)\n',
    );
    console.log((await benchWebcam(Number(process.env.BENCH_FRAMES ?? 100))).join('\n') + '\n');
  }
  if (want('hostile-images')) {
    console.log('## Hostile pictures: /health and a scan while three of them decode\n');
    console.log((await benchHostileImages()).join('\n') + '\n');
  }
  if (want('outbox')) {
    console.log('## Outbox: crash proof at full size, drain throughput, validation to acknowledgement\n');
    console.log((await benchOutbox()).join('\n') + '\n');
  }
  if (want('reconciliation')) {
    console.log('## Reconciliation: a 10-line prescription with 30 packs\n');
    console.log(
      (await benchReconciliation(Number(process.env.BENCH_RECONCILIATIONS ?? 2000))).join('\n') + '\n',
    );
    console.log((await benchReconciliationApi(Number(process.env.BENCH_CHANGES ?? 300))).join('\n') + '\n');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
