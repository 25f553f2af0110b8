import { useMemo } from 'react';
import {
  accuracySummary,
  lineDifferences,
  type CompareMode,
  type LineDifference,
  type ModeCer,
  type OcrCompareEntry,
} from '../../core/images';
import type { DiffPart } from '../../core/ocr';

const MODE_LABEL: Record<CompareMode, string> = { bucketed: 'bucketed', padToMax: 'pad-to-max', unpadded: 'unpadded' };

/** "1.25% (3 of 240 characters)"; the rate is undefined when there was nothing to read. */
export function fmtCer(c: ModeCer): string {
  if (c.cer === null) return `undefined (${c.errors} extra characters, none expected)`;
  return `${(c.cer * 100).toFixed(2)}% (${c.errors} of ${c.chars} character${c.chars === 1 ? '' : 's'})`;
}

/** A space that is missing or extra would be invisible inside the highlight, so it is drawn as ␣. */
function visible(text: string): string {
  return text.replace(/ /g, '␣');
}

/**
 * One mode's line against the base, as text nodes only (never HTML): <del> for what the base has and the
 * mode lost, <ins> for what the mode read that the base does not have.
 */
function DiffLine({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'removed' ? (
          <del key={i} data-testid="ocr-diff-removed" data-text={p.text} title={`missing here: "${p.text}"`}>
            {visible(p.text)}
          </del>
        ) : (
          <ins key={i} data-testid="ocr-diff-added" data-text={p.text} title={`extra here: "${p.text}"`}>
            {visible(p.text)}
          </ins>
        ),
      )}
    </>
  );
}

function Difference({ image, index, diff }: { image: string; index: number; diff: LineDifference }) {
  const baseLabel = diff.against === 'reference' ? 'known text' : 'unpadded';
  const modes = (['unpadded', 'bucketed', 'padToMax'] as const).filter(
    (m) => !(m === 'unpadded' && diff.against === 'unpadded'),
  );
  return (
    <li data-testid="ocr-diff" data-image={image} data-line={diff.line} data-against={diff.against}>
      <strong>
        #{index + 1} {image}, line {diff.line}
      </strong>
      <dl className="ocr-diff-texts">
        <dt>{baseLabel}</dt>
        <dd data-testid="ocr-diff-base">{diff.base === '' ? '(no line)' : diff.base}</dd>
        {modes.map((mode) => (
          <div key={mode} style={{ display: 'contents' }}>
            <dt>{MODE_LABEL[mode]}</dt>
            <dd data-testid="ocr-diff-mode" data-mode={MODE_LABEL[mode]} data-text={diff.texts[mode]}>
              {diff.diffs[mode] ? <DiffLine parts={diff.diffs[mode]!} /> : <span>{diff.texts[mode]} (same)</span>}
            </dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

/**
 * The comparison's accuracy: each mode's character error rate (against the known texts the user gave,
 * and against the unpadded run), and every line where the modes read differently, highlighted.
 */
export function OcrAccuracy({ entries }: { entries: readonly OcrCompareEntry[] }) {
  const summary = useMemo(() => accuracySummary(entries), [entries]);
  const differences = useMemo(() => entries.map((e) => lineDifferences(e)), [entries]);
  const total = differences.reduce((n, d) => n + d.length, 0);
  const ref = summary.vsReference;
  return (
    <section className="ocr-accuracy" aria-labelledby="ocr-accuracy-title" data-testid="ocr-accuracy">
      <h3 id="ocr-accuracy-title">Accuracy</h3>
      {ref ? (
        <p
          data-testid="ocr-cer-reference"
          data-bucketed={ref.bucketed.cer ?? ''}
          data-pad-to-max={ref.padToMax.cer ?? ''}
          data-unpadded={ref.unpadded.cer ?? ''}
        >
          Character error rate against your known text ({ref.images} of {entries.length} image
          {entries.length === 1 ? '' : 's'}): bucketed {fmtCer(ref.bucketed)}, pad-to-max {fmtCer(ref.padToMax)},
          unpadded {fmtCer(ref.unpadded)}.
        </p>
      ) : (
        <p className="meta" data-testid="ocr-cer-no-reference">
          No image has a known text, so there is no error rate against the truth: type what an image says under its
          recognised text to get one.
        </p>
      )}
      <p
        data-testid="ocr-cer-unpadded"
        data-bucketed={summary.vsUnpadded.bucketed.cer ?? ''}
        data-pad-to-max={summary.vsUnpadded.padToMax.cer ?? ''}
      >
        Character error rate between modes, against the unpadded run (the same models with no padding at all, so this
        measures what padding changed, not whether the text is right): bucketed {fmtCer(summary.vsUnpadded.bucketed)},
        pad-to-max {fmtCer(summary.vsUnpadded.padToMax)}.
      </p>
      {total === 0 ? (
        <p className="meta" data-testid="ocr-diffs-none">
          Every line reads the same in every mode{ref ? ' and as your known text' : ''}.
        </p>
      ) : (
        <>
          <p className="meta">
            Where they differ ({total} line{total === 1 ? '' : 's'}): <del>struck</del> is in the{' '}
            {ref ? 'known text or ' : ''}unpadded reading but missing from that mode, <ins>underlined</ins> is extra; ␣
            marks a space.
          </p>
          <ul className="ocr-diffs" data-testid="ocr-diffs">
            {differences.flatMap((list, i) =>
              list.map((d) => <Difference key={`${i}-${d.line}`} image={entries[i]!.name} index={i} diff={d} />),
            )}
          </ul>
        </>
      )}
    </section>
  );
}
