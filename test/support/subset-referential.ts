import { join } from 'node:path';
import { parseBdpmFiles } from '../../src/medicines/bdpm/bdpm-dataset';
import { readBdpmDirectory } from '../../src/medicines/bdpm/bdpm-importer';
import { CacheReferential } from '../../src/medicines/bdpm/cache-referential';
import { ReferentialCache } from '../../src/medicines/bdpm/referential-cache';
import { MemoryRowReader } from '../../src/medicines/bdpm/referential-rows';
import type { ReferentialStatus } from '../../src/medicines/medicines.types';

export const BDPM_SUBSET_DIR = join(__dirname, '../../src/medicines/data/bdpm-subset');

/**
 * The referential port over the real rows of the shipped BDPM subset, held in memory (no database): the same
 * row reader, cache and look-ups the BDPM adapter builds on.
 */
export class SubsetReferential extends CacheReferential {
  constructor(protected readonly c: ReferentialCache) {
    super();
  }

  async status(): Promise<ReferentialStatus> {
    return { source: 'shipped BDPM subset (in memory)', counts: {} };
  }
}

let loaded: Promise<SubsetReferential> | undefined;

/** The subset referential, parsed once per test file (about 0.2 s). */
export function subsetReferential(): Promise<SubsetReferential> {
  loaded ??= readBdpmDirectory(BDPM_SUBSET_DIR)
    .then(parseBdpmFiles)
    .then(({ dataset }) => new SubsetReferential(new ReferentialCache(new MemoryRowReader(dataset))));
  return loaded;
}
