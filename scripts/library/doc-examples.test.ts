import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { typescriptBlocks } from './doc-examples';

describe('typescriptBlocks', () => {
  it('takes the ts blocks in order and leaves sh and untagged blocks out', () => {
    const markdown = [
      '# T',
      '```sh',
      'npm i x',
      '```',
      '```ts',
      'const a = 1;',
      '```',
      'text',
      '```',
      'plain',
      '```',
      '```ts',
      'let b;',
      'b = 2;',
      '```',
      '',
    ].join('\n');
    expect(typescriptBlocks(markdown)).toEqual(['const a = 1;\n', 'let b;\nb = 2;\n']);
  });

  it('finds the examples of docs/LIBRARY.md, each importing the package', () => {
    const blocks = typescriptBlocks(readFileSync(path.resolve(import.meta.dirname, '../../docs/LIBRARY.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(block).toMatch(/from 'bucketwise'/);
  });
});
