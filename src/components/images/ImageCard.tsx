import { useState, type CSSProperties } from 'react';
import { fmtMs, fmtPct } from '../../core/charts';
import { formatDetBucket, readingAccuracy } from '../../core/images';
import { readImage, removeImage } from '../../store/images-service';
import { setImageReference, type ImageEntry } from '../../store/images-store';
import { ErrorNotice } from '../ErrorNotice';
import { BucketDiagram, ImageFigure } from './ImageFigure';
import { fmtCer } from './OcrAccuracy';

const STATUS_TEXT: Record<ImageEntry['status'], string> = {
  decoding: 'Decoding…',
  waiting: 'Waiting for the worker…',
  reading: 'Reading text…',
  done: 'Read',
  error: 'Failed',
};

/** The recognised text: a read-only box to select from, a copy button, and the lines with confidences. */
function RecognisedText({ image }: { image: ImageEntry }) {
  const [copyState, setCopyState] = useState<string | null>(null);
  const lines = image.result?.lines ?? [];
  const text = lines.map((l) => l.text).join('\n');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopyState('Copied');
    } catch {
      setCopyState('The browser refused clipboard access: select the text and press Ctrl+C.');
    }
  };
  if (!image.result) return null;
  if (lines.length === 0)
    return (
      <p className="notice small" data-testid="image-no-text">
        No text was found in this image.
      </p>
    );
  return (
    <div className="ocr-text">
      <label className="field">
        <span>
          Recognised text ({lines.length} line{lines.length === 1 ? '' : 's'})
        </span>
        <textarea readOnly rows={Math.min(8, lines.length + 1)} value={text} data-testid="image-text" />
      </label>
      <div className="row">
        <button type="button" onClick={() => void copy()} data-testid="image-copy">
          Copy text
        </button>
        {copyState ? (
          <span className="meta" role="status">
            {copyState}
          </span>
        ) : null}
      </div>
      <ol className="ocr-lines" data-testid="image-lines">
        {lines.map((line, i) => (
          <li key={i} data-testid="image-line" data-confidence={line.confidence.toFixed(4)}>
            <span className="ocr-line-text">{line.text}</span>{' '}
            <span className="meta">confidence {line.confidence.toFixed(3)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** What the image really says, if the user knows: the comparison then gives each mode's error rate against it. */
function KnownText({ image }: { image: ImageEntry }) {
  const accuracy = image.result
    ? readingAccuracy(
        image.result.lines.map((l) => l.text),
        image.reference,
      )
    : null;
  return (
    <>
      <label className="field ocr-known-text">
        <span>
          Known text (optional, one line per line): the comparison measures each mode's character error rate against it
        </span>
        <textarea
          rows={Math.min(8, Math.max(2, image.reference.split('\n').length))}
          value={image.reference}
          onChange={(e) => setImageReference(image.id, e.target.value)}
          placeholder="Type what the image says"
          data-testid="image-reference"
        />
      </label>
      {accuracy ? (
        <p className="meta" data-testid="image-cer" data-cer={accuracy.cer ?? ''}>
          Character error rate of this read against the known text: {fmtCer(accuracy)}
        </p>
      ) : null}
    </>
  );
}

/** Bucket, padding, boxes dropped in the padding and timings of one result. */
function ResultFacts({ image, currentBuckets }: { image: ImageEntry; currentBuckets: string }) {
  const r = image.result;
  if (!r) return null;
  const t = r.timings;
  return (
    <>
      <dl className="ocr-facts">
        <div>
          <dt>Detector bucket</dt>
          <dd data-testid="image-bucket" data-h={r.bucket.h} data-w={r.bucket.w}>
            {formatDetBucket(r.bucket)}
          </dd>
        </div>
        {r.detInput ? (
          <div>
            <dt>Image in it</dt>
            <dd>{formatDetBucket(r.detInput)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Padding</dt>
          <dd data-testid="image-padding" data-share={r.paddingShare.toFixed(4)}>
            {fmtPct(r.paddingShare)}
          </dd>
        </div>
        <div>
          <dt>Boxes in the padding</dt>
          <dd
            data-testid="image-dropped"
            data-count={r.droppedInPadding}
            title="Regions found in the padded area are dropped, never reported"
          >
            {r.droppedInPadding} dropped
          </dd>
        </div>
        {r.recPaddingShare !== undefined ? (
          <div>
            <dt>Line padding</dt>
            <dd title="Share of the recogniser's input columns that were padding">
              {fmtPct(r.recPaddingShare)}
              {r.recRuns !== undefined ? ` in ${r.recRuns} run${r.recRuns === 1 ? '' : 's'}` : ''}
            </dd>
          </div>
        ) : null}
        <div className="wide">
          <dt>Time</dt>
          <dd
            data-testid="image-timings"
            title="Detection and recognition, pre- and post-processing included; session creation not included"
          >
            {fmtMs(t.totalMs)} (detect {fmtMs(t.detMs)}, read {fmtMs(t.recMs)})
            {t.sessionMs !== undefined && t.sessionMs >= 1 ? `, plus ${fmtMs(t.sessionMs)} creating sessions` : ''}
          </dd>
        </div>
      </dl>
      {r.detInput ? (
        <figure className="bucket-figure">
          <BucketDiagram url={image.url} bucket={r.bucket} content={r.detInput} testId="image-bucket-diagram" />
          <figcaption className="meta">What the detector ran on: the image in its bucket, padding hatched.</figcaption>
        </figure>
      ) : null}
      {image.readWith ? (
        <p className="meta" data-testid="image-read-with">
          Read on {image.readWith.backend}
          {image.readWith.buckets !== currentBuckets
            ? ' with an earlier bucket list: read it again to use the current one.'
            : '.'}
        </p>
      ) : null}
    </>
  );
}

/** One loaded image: the picture with boxes, then its text and figures beside it. */
export function ImageCard({ image, currentBuckets }: { image: ImageEntry; currentBuckets: string }) {
  const busy = image.status === 'decoding' || image.status === 'waiting' || image.status === 'reading';
  return (
    <article
      className="panel image-card"
      data-testid="image-card"
      data-name={image.name}
      data-status={image.status}
      data-width={image.width}
      data-height={image.height}
      aria-busy={busy}
    >
      <header className="row wrap">
        <h3 className="image-name">{image.name}</h3>
        <span className="meta">
          {image.width} × {image.height} px · <span data-testid="image-status">{STATUS_TEXT[image.status]}</span>
        </span>
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => void readImage(image.id)} data-testid="image-read-again">
          Read again
        </button>
        <button
          type="button"
          onClick={() => removeImage(image.id)}
          data-testid="image-remove"
          aria-label={`Remove ${image.name}`}
        >
          Remove
        </button>
      </header>
      {image.scaledNote ? (
        <p className="notice small" data-testid="image-scaled-note">
          {image.scaledNote}
        </p>
      ) : null}
      <ErrorNotice error={image.error} testId="image-error" onRetry={() => void readImage(image.id)} />
      {/* The picture's column is never wider than the picture, so a small screenshot keeps its text close. */}
      <div
        className="image-card-body"
        style={{ '--figure-column': `min(${Math.max(image.width, 240)}px, 60%)` } as CSSProperties}
      >
        <ImageFigure
          url={image.url}
          name={image.name}
          width={image.width}
          height={image.height}
          result={image.result}
        />
        <div className="image-card-side">
          <RecognisedText image={image} />
          <KnownText image={image} />
          <ResultFacts image={image} currentBuckets={currentBuckets} />
        </div>
      </div>
    </article>
  );
}
