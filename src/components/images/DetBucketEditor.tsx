import { useMemo, useState } from 'react';
import { fmtPct } from '../../core/charts';
import { MAX_DET_BUCKETS, detBucketUsage, formatDetBucket } from '../../core/images';
import { envelopeBucket } from '../../core/ocr';
import {
  addBucketFromText,
  chooseBucketsFromImages,
  readAllImages,
  removeBucketAt,
  resetBuckets,
  setChooseK,
} from '../../store/images-service';
import { useImagesStore } from '../../store/images-store';
import { ErrorNotice } from '../ErrorNotice';
import { NumberField } from '../NumberField';

/**
 * The detector's (H, W) buckets: the defaults, edited by hand, or chosen from the loaded images' sizes.
 * Beside each bucket, how many loaded images it would serve, and the padding both ways, predicted with
 * the same planning the worker uses.
 */
export function DetBucketEditor({ currentKey }: { currentKey: string }) {
  const buckets = useImagesStore((s) => s.detBuckets);
  const source = useImagesStore((s) => s.bucketSource);
  const note = useImagesStore((s) => s.choiceNote);
  const k = useImagesStore((s) => s.chooseK);
  const error = useImagesStore((s) => s.bucketError);
  const images = useImagesStore((s) => s.images);
  const [draft, setDraft] = useState('');

  const sizes = useMemo(
    () =>
      images
        .filter((img) => img.status !== 'decoding' && img.width > 0)
        .map((img) => ({ width: img.width, height: img.height })),
    [images],
  );
  const usage = useMemo(() => detBucketUsage(sizes, buckets), [sizes, buckets]);
  const stale = images.some((img) => img.readWith && img.readWith.buckets !== currentKey);

  return (
    <section className="panel det-bucket-editor" aria-labelledby="det-buckets-title" data-testid="det-bucket-editor">
      <h2 id="det-buckets-title">Detector buckets (height × width)</h2>
      <p className="intro">
        Each image is scaled so it fits, sides rounded to multiples of 32, and padded at the bottom and right to the
        smallest-area bucket that covers it; each bucket is one fixed-shape session. Lines are then read at height 48 in
        width buckets of 96, 192, 320, 480 and 640 px.
      </p>
      <p className="meta" data-testid="det-bucket-source">
        {buckets.length} bucket{buckets.length === 1 ? '' : 's'}, {source}.
      </p>
      <ul className="chips" aria-label="Detector buckets">
        {buckets.map((b, i) => {
          const served = usage.perBucket[i]?.images ?? 0;
          return (
            <li
              key={`${b.h}x${b.w}`}
              className="chip det-chip"
              data-testid="det-bucket"
              data-bucket={`${b.h}x${b.w}`}
              data-images={served}
            >
              <span>{formatDetBucket(b)}</span>
              {sizes.length > 0 ? <span className="meta">{served} img</span> : null}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove bucket ${formatDetBucket(b)}`}
                onClick={() => removeBucketAt(i)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          if (addBucketFromText(draft)) setDraft('');
        }}
      >
        <label className="field">
          <span>Add a bucket</span>
          <input
            type="text"
            value={draft}
            placeholder="e.g. 480 x 640"
            size={12}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="det-bucket-input"
            disabled={buckets.length >= MAX_DET_BUCKETS}
          />
        </label>
        <button type="submit" data-testid="det-bucket-add" disabled={draft.trim() === ''}>
          Add
        </button>
        <button type="button" onClick={resetBuckets} data-testid="det-bucket-defaults">
          Defaults
        </button>
      </form>
      <div className="row wrap">
        <NumberField
          label="k"
          value={k}
          min={1}
          max={MAX_DET_BUCKETS}
          testId="det-choose-k"
          help="How many buckets to choose"
          onCommit={setChooseK}
        />
        <button
          type="button"
          className="primary"
          onClick={chooseBucketsFromImages}
          disabled={sizes.length === 0}
          data-testid="det-choose"
        >
          Choose from my images
        </button>
      </div>
      {note ? (
        <p className="notice small" data-testid="det-choice-note">
          {note}
        </p>
      ) : null}
      <ErrorNotice error={error} testId="det-bucket-error" />
      {sizes.length > 0 ? (
        <p className="meta" data-testid="det-predicted">
          Over your {sizes.length} image{sizes.length === 1 ? '' : 's'}, predicted detector padding:{' '}
          <strong>{fmtPct(usage.paddingShare)}</strong> bucketed, {fmtPct(usage.padToMaxShare)} padded to the largest (
          {formatDetBucket(envelopeBucket(buckets))}).
        </p>
      ) : null}
      {stale ? (
        <div className="row wrap notice small" data-testid="det-buckets-stale">
          <span>The buckets changed since some images were read.</span>
          <button type="button" onClick={readAllImages} data-testid="images-read-all">
            Read all again
          </button>
        </div>
      ) : null}
      <details className="small">
        <summary>How "choose from my images" works</summary>
        <p>
          Each image is first mapped to the size it takes in the detector (longer side at most 960 px, sides rounded to
          32). Then up to k (height, width) pairs are picked to minimise the total padded area over those sizes. The
          candidates are every pair of an image height with an image width: shrinking a bucket to the tallest and widest
          image it serves never adds area, so an optimal set uses only such pairs. When the number of candidate sets is
          small they are all tried (exact); otherwise a local search swaps one or two buckets at a time from several
          starting sets until nothing improves.
        </p>
      </details>
    </section>
  );
}
