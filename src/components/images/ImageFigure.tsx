import { useId } from 'react';
import type { OcrResultMessage } from '../../protocol/types';

const pct = (part: number, whole: number) => `${(100 * part) / whole}%`;

/**
 * The image with each recognised line's box drawn over it. Boxes are in the coordinates of the image
 * sent to OCR (`width` x `height`); percentages keep them in place at any displayed size, and also on
 * the full-size file when a scaled-down copy was read.
 */
export function ImageFigure({
  url,
  name,
  width,
  height,
  result,
}: {
  url: string | null;
  name: string;
  width: number;
  height: number;
  result: OcrResultMessage | null;
}) {
  if (!url || width === 0 || height === 0) return <div className="ocr-figure placeholder">Decoding…</div>;
  return (
    <div className="ocr-figure" style={{ aspectRatio: `${width} / ${height}` }} data-testid="image-figure">
      <img src={url} alt={`Loaded image ${name}`} draggable={false} />
      {result?.lines.map((line, i) => (
        <div
          key={i}
          className="ocr-box"
          data-testid="image-box"
          data-x={line.box.x}
          data-y={line.box.y}
          data-w={line.box.w}
          data-h={line.box.h}
          title={`${i + 1}: ${line.text}`}
          style={{
            left: pct(line.box.x, width),
            top: pct(line.box.y, height),
            width: pct(line.box.w, width),
            height: pct(line.box.h, height),
          }}
        >
          <span className="ocr-box-number">{i + 1}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * The detector's input as it was run: the image scaled into its bucket, the padding (bottom and right)
 * hatched. It is what "padding share" means, drawn to scale.
 */
export function BucketDiagram({
  url,
  bucket,
  content,
  testId,
}: {
  url: string | null;
  bucket: { h: number; w: number };
  content: { h: number; w: number };
  testId: string;
}) {
  // One pattern per diagram: ids must be unique on the page, and several cards draw one each.
  const hatchId = `hatch-${useId().replace(/:/g, '')}`;
  return (
    <svg
      className="bucket-diagram"
      viewBox={`0 0 ${bucket.w} ${bucket.h}`}
      role="img"
      aria-label={`Detector input ${bucket.h} × ${bucket.w}: image ${content.h} × ${content.w}, the rest padding`}
      data-testid={testId}
    >
      <defs>
        <pattern id={hatchId} width="16" height="16" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="16" height="16" className="hatch-bg" />
          <line x1="0" y1="0" x2="0" y2="16" className="hatch-line" strokeWidth="6" />
        </pattern>
      </defs>
      <rect x="0" y="0" width={bucket.w} height={bucket.h} fill={`url(#${hatchId})`} />
      {url ? <image href={url} x="0" y="0" width={content.w} height={content.h} preserveAspectRatio="none" /> : null}
      <rect
        x="0"
        y="0"
        width={bucket.w}
        height={bucket.h}
        className="bucket-outline"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
