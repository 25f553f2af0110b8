import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SharedDataError, readSharedDataset, repoRoot, sharedDataDir } from './shared-data';

const realData = resolve(repoRoot(), '..', 'shared', 'data');
const saved = process.env.BUCKETWISE_DATA_DIR;

afterEach(() => {
  if (saved === undefined) delete process.env.BUCKETWISE_DATA_DIR;
  else process.env.BUCKETWISE_DATA_DIR = saved;
});

describe('shared data location', () => {
  it('says how to fix a missing folder', () => {
    process.env.BUCKETWISE_DATA_DIR = join(tmpdir(), 'bucketwise-no-such-folder');
    expect(() => sharedDataDir()).toThrow(SharedDataError);
    expect(() => sharedDataDir()).toThrow(/\.\.\/shared\/data not found: .*set BUCKETWISE_DATA_DIR/);
  });

  it('reads a dataset from BUCKETWISE_DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bucketwise-data-'));
    mkdirSync(join(dir, 'wnut17'));
    writeFileSync(join(dir, 'wnut17', 'emerging.dev.conll'), 'Hi\tO\n\t\nParis\tB-location\n');
    process.env.BUCKETWISE_DATA_DIR = dir;
    expect(readSharedDataset('wnut17-dev')).toEqual([
      { tokens: ['Hi'], tags: ['O'] },
      { tokens: ['Paris'], tags: ['B-location'] },
    ]);
    expect(() => readSharedDataset('conll2003-train')).toThrow(
      expect.objectContaining({ code: 'DATASET_FILE_MISSING' }),
    );
    expect(() => readSharedDataset('squad')).toThrow(expect.objectContaining({ code: 'UNKNOWN_DATASET' }));
  });
});

// These need the real corpora, which a fresh clone does not have.
describe.skipIf(!existsSync(realData))('the real corpora in ../shared/data', () => {
  it.each([
    ['conll2003-train', 14_041],
    ['conll2003-valid', 3_250],
    ['wnut17-train', 3_394],
    ['wnut17-dev', 1_009],
  ])('%s has the documented %i sentences', (name, sentences) => {
    delete process.env.BUCKETWISE_DATA_DIR;
    const parsed = readSharedDataset(name);
    expect(parsed).toHaveLength(sentences);
    expect(parsed.every((s) => s.tokens.length === s.tags.length && s.tokens.length > 0)).toBe(true);
  });
});
