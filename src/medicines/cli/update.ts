// `npm run referential:update [-- --url <base>] [--force] [--report <file.json>]`: downloads the current BDPM
// files (from ANSM by default: referential.url, COMPTOIR_REFERENTIAL_URL), checks them, and imports them
// into the configured database in one transaction, as referential:import does.
import { downloadBdpm } from '../bdpm/bdpm-download';
import { out, parseCliArgs, runCli, runImport } from './referential-cli';

runCli('referential:update', async () => {
  const args = parseCliArgs(process.argv.slice(2), ['url']);
  if (!args || args.values.length > 0) {
    process.stderr.write('usage: referential:update [--url <base url>] [--force] [--report <file.json>]\n');
    return 2;
  }
  return runImport(args.report, async (importer, config, onProgress) => {
    const url = args.options.url ?? config.referential.url;
    out(`downloading the BDPM from ${url}`);
    const files = await downloadBdpm(url, {
      timeoutMs: config.referential.downloadTimeoutMs,
      onFile: (file, bytes) => out(`  ${file.padEnd(27)} ${(bytes / 1e6).toFixed(1).padStart(5)} MB`),
    });
    return importer.importFiles(files, { source: url, force: args.force, onProgress });
  });
});
