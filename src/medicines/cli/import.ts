// `npm run referential:import -- <dir> [--force] [--report <file.json>]`: imports the BDPM files of <dir>
// into the database named by the configuration (COMPTOIR_ENV, COMPTOIR_DATA_DIR), after running migrations.
import { parseCliArgs, runCli, runImport } from './referential-cli';

runCli('referential:import', async () => {
  const args = parseCliArgs(process.argv.slice(2));
  if (!args || args.values.length !== 1) {
    process.stderr.write('usage: referential:import <dir> [--force] [--report <file.json>]\n');
    return 2;
  }
  const [dir] = args.values;
  return runImport(args.report, (importer, _config, onProgress) =>
    importer.importDirectory(dir, { force: args.force, onProgress }),
  );
});
