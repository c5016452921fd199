import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OctReport } from '../oct-report';
import { OctDeliveryError, OctPort } from '../oct.port';

/**
 * Reports as files for a tool that picks them up (the LGO's OCT connector, a shared folder):
 * `<reportId>.json` and `<reportId>.pdf`, each written under a temporary name and renamed, so a reader never
 * sees half a file; private (0600, in a 0700 folder): they name the patient. A repeat overwrites the same
 * files with the same bytes.
 */
export class DirectoryOctAdapter extends OctPort {
  readonly name = 'directory' as const;

  constructor(private readonly directory: string) {
    super();
  }

  async deliver(report: OctReport, pdf: Buffer): Promise<void> {
    try {
      await mkdir(this.directory, { recursive: true, mode: 0o700 });
      await this.write(`${report.reportId}.pdf`, pdf);
      // The JSON last: its presence says the report is complete.
      await this.write(`${report.reportId}.json`, Buffer.from(JSON.stringify(report, null, 2), 'utf8'));
    } catch (err) {
      throw new OctDeliveryError(
        `cannot write the report: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }

  private async write(name: string, content: Buffer): Promise<void> {
    const path = join(this.directory, name);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, content, { mode: 0o600 });
    await rename(temporary, path);
  }
}
