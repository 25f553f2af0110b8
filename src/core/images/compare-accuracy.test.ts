import { describe, expect, it } from 'vitest';
import { accuracySummary, imageAccuracy, lineDifferences, readingAccuracy, referenceLines } from './compare-accuracy';
import type { OcrCompareEntry, OcrModeRun } from './compare-series';

function run(texts: string[]): OcrModeRun {
  return { totalMs: 10, detMs: 8, recMs: 2, bucket: { h: 128, w: 480 }, paddingShare: 0.2, texts };
}

function entry(
  bucketed: string[],
  padToMax: string[],
  unpadded: string[],
  reference: string | null = null,
): OcrCompareEntry {
  return { name: 'a.png', bucketed: run(bucketed), padToMax: run(padToMax), unpadded: run(unpadded), reference };
}

describe('referenceLines', () => {
  it('splits on newlines, trims, and skips blank lines', () => {
    expect(referenceLines('  Hello bucketwise OCR \r\n\nInvoice 12345\n')).toEqual([
      'Hello bucketwise OCR',
      'Invoice 12345',
    ]);
    expect(referenceLines('')).toEqual([]);
    expect(referenceLines(null)).toEqual([]);
  });
});

describe('readingAccuracy', () => {
  it('measures one read against the known text, lines joined by newlines', () => {
    expect(readingAccuracy(['Platform 4', 'Trains to Riverside'], 'Platform 4\nTrains to Riverside')).toEqual({
      errors: 0,
      chars: 30,
      cer: 0,
    });
    // One letter wrong and the last line missing: 1 substitution plus the newline and 3 characters.
    expect(readingAccuracy(['Platform 7'], ' Platform 4 \n\nA B\n')).toEqual({ errors: 5, chars: 14, cer: 5 / 14 });
  });

  it('is null without a known text', () => {
    expect(readingAccuracy(['Hello'], '')).toBeNull();
    expect(readingAccuracy(['Hello'], ' \n ')).toBeNull();
    expect(readingAccuracy([], null)).toBeNull();
  });

  it('counts every known character as missing when nothing was read', () => {
    expect(readingAccuracy([], 'Thank you')).toEqual({ errors: 9, chars: 9, cer: 1 });
  });
});

describe('imageAccuracy', () => {
  it('measures each mode against the reference when there is one', () => {
    const acc = imageAccuracy(
      entry(['Hello bucketwise OCR'], ['Hellobucketwise OCR'], ['Hello bucketwise OCR'], 'Hello bucketwise OCR'),
    );
    expect(acc.against).toBe('reference');
    expect(acc.bucketed).toEqual({ errors: 0, chars: 20, cer: 0 });
    expect(acc.padToMax).toEqual({ errors: 1, chars: 20, cer: 1 / 20 });
    expect(acc.unpadded).toEqual({ errors: 0, chars: 20, cer: 0 });
  });

  it('measures against the unpadded run otherwise, counting the newline between lines', () => {
    const acc = imageAccuracy(entry(['AB', 'CD'], ['AB'], ['AB', 'CD']));
    expect(acc.against).toBe('unpadded');
    expect(acc.bucketed.cer).toBe(0);
    expect(acc.padToMax).toEqual({ errors: 3, chars: 5, cer: 3 / 5 }); // "\nCD" missing
    expect(acc.unpadded).toBeNull();
  });
});

describe('accuracySummary', () => {
  it('pools errors over characters, separately against references and against the unpadded runs', () => {
    const summary = accuracySummary([
      entry(['HELLO 123'], ['HELLO 123'], ['HELLO 123'], 'HELLO 124'), // 1 of 9 against the reference
      entry(['window river PlatformX9'], ['window river Platform X9'], ['window river Platform X9']),
    ]);
    expect(summary.vsReference).toEqual({
      images: 1,
      bucketed: { errors: 1, chars: 9, cer: 1 / 9 },
      padToMax: { errors: 1, chars: 9, cer: 1 / 9 },
      unpadded: { errors: 1, chars: 9, cer: 1 / 9 },
    });
    expect(summary.vsUnpadded.images).toBe(2);
    expect(summary.vsUnpadded.bucketed).toEqual({ errors: 1, chars: 9 + 24, cer: 1 / 33 });
    expect(summary.vsUnpadded.padToMax).toEqual({ errors: 0, chars: 33, cer: 0 });
  });

  it('has no reference figures when no image has a reference', () => {
    expect(accuracySummary([entry(['A'], ['A'], ['A'])]).vsReference).toBeNull();
    expect(accuracySummary([]).vsUnpadded.bucketed.cer).toBe(0);
  });
});

describe('lineDifferences', () => {
  it('lists only the lines that differ, with a character diff per differing mode', () => {
    const diffs = lineDifferences(
      entry(['Same', 'Hellobucketwise OCR'], ['Same', 'Hello bucketwise OCR'], ['Same', 'Hello bucketwise OCR']),
    );
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({ line: 2, against: 'unpadded', base: 'Hello bucketwise OCR' });
    expect(diffs[0].diffs.padToMax).toBeUndefined();
    expect(diffs[0].diffs.bucketed).toEqual([
      { kind: 'same', text: 'Hello' },
      { kind: 'removed', text: ' ' },
      { kind: 'same', text: 'bucketwise OCR' },
    ]);
  });

  it('compares every mode, the unpadded one included, with the reference, and shows a missing line as removed', () => {
    const diffs = lineDifferences(entry(['HELLO 123'], ['HELLO 123'], ['HELLO 123'], 'HELLO 124\nWebGPU'));
    expect(diffs.map((d) => d.line)).toEqual([1, 2]);
    expect(Object.keys(diffs[0].diffs).sort()).toEqual(['bucketed', 'padToMax', 'unpadded']);
    expect(diffs[1].diffs.bucketed).toEqual([{ kind: 'removed', text: 'WebGPU' }]);
    expect(diffs[1].texts.bucketed).toBe('');
  });

  it('has nothing to show when every mode reads the same', () => {
    expect(lineDifferences(entry(['A', 'B'], ['A', 'B'], ['A', 'B']))).toEqual([]);
  });
});
