import { useRef, useState } from 'react';
import { toUiError } from '../../store/errors';
import { addSampleImages, missingSamples } from '../../store/images-samples';
import { addImageFiles, clearImages, dismissRejected } from '../../store/images-service';
import { useImagesStore } from '../../store/images-store';
import type { UiError } from '../../store/types';
import { ErrorNotice } from '../ErrorNotice';
import { ProgressBar } from '../ProgressBar';

/** Where images come in (chooser; paste and drop are handled by the whole tab) and what was refused. */
export function ImageInput({ dropActive, pasteNote }: { dropActive: boolean; pasteNote: string | null }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const ocrStatus = useImagesStore((s) => s.ocrStatus);
  const ocrProgress = useImagesStore((s) => s.ocrProgress);
  const ocrError = useImagesStore((s) => s.ocrError);
  const rejected = useImagesStore((s) => s.rejected);
  const hasImages = useImagesStore((s) => s.images.length > 0);
  const [addingSamples, setAddingSamples] = useState(false);
  const [sampleError, setSampleError] = useState<UiError | null>(null);
  // Disabled while every sample is on the tab: see addSampleImages for why a press adds only missing ones.
  const samplesToAdd = useImagesStore((s) => missingSamples(s.images).length);
  const trySamples = async () => {
    setAddingSamples(true);
    setSampleError(null);
    try {
      await addSampleImages();
    } catch (err) {
      setSampleError(toUiError(err));
    } finally {
      setAddingSamples(false);
    }
  };

  return (
    <section className="panel image-input" aria-labelledby="image-input-title" data-testid="image-input">
      <h2 id="image-input-title">Read text from images</h2>
      <p className="intro">
        PaddleOCR's PP-OCRv4 text detector and recogniser, run in this page's worker with a few fixed input shapes.
        Images stay on your computer.
      </p>
      <div className={dropActive ? 'drop-zone active' : 'drop-zone'} data-testid="images-drop-zone">
        <p>
          <strong>Paste</strong> an image (<kbd className="key-hint">Ctrl</kbd>+<kbd className="key-hint">V</kbd>{' '}
          anywhere on this tab), <strong>drop</strong> images on the page, or{' '}
          <button
            type="button"
            className="primary"
            onClick={() => inputRef.current?.click()}
            data-testid="images-choose"
          >
            choose images
          </button>
          <input
            ref={inputRef}
            type="file"
            accept="image/*"
            multiple
            hidden
            data-testid="images-file-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = ''; // choosing the same file again must fire change again
              void addImageFiles(files);
            }}
          />
        </p>
        <p>
          No image at hand?{' '}
          <button
            type="button"
            onClick={() => void trySamples()}
            disabled={addingSamples || samplesToAdd === 0}
            title={
              samplesToAdd === 0
                ? 'The sample images are on this tab already.'
                : 'Adds a few images drawn in this page, with the text they hold filled in as their known text.'
            }
            data-testid="images-try-samples"
          >
            {addingSamples ? 'Adding sample images…' : 'Try sample images'}
          </button>
        </p>
        <p className="meta">
          PNG, JPEG, GIF, WebP, BMP or AVIF; sides over 4096 px are scaled down, images over 100 megapixels refused.
        </p>
      </div>
      {pasteNote ? (
        <p className="notice small" role="status" data-testid="images-paste-note">
          {pasteNote}
        </p>
      ) : null}
      <p className="meta" data-testid="ocr-status" data-status={ocrStatus}>
        {ocrStatus === 'ready'
          ? 'OCR models loaded.'
          : ocrStatus === 'loading'
            ? (ocrProgress ?? 'Loading the OCR models…')
            : null}
      </p>
      {ocrStatus === 'loading' ? (
        <ProgressBar fraction={null} label={ocrProgress ?? 'Loading the OCR models'} testId="ocr-progress" />
      ) : null}
      <ErrorNotice error={sampleError} testId="images-samples-error" />
      <ErrorNotice error={ocrError} testId="ocr-error" />
      {rejected.length > 0 ? (
        <ul className="rejected-files" aria-label="Files that could not be read">
          {rejected.map((r) => (
            <li key={r.id} data-testid="image-rejected" data-name={r.name} data-code={r.error.code ?? ''}>
              <ErrorNotice
                error={r.error}
                testId="image-rejected-error"
                onRetry={() => dismissRejected(r.id)}
                retryLabel="Dismiss"
              />
            </li>
          ))}
        </ul>
      ) : null}
      {hasImages ? (
        <button type="button" className="link-button" onClick={clearImages} data-testid="images-clear">
          Remove all images
        </button>
      ) : null}
    </section>
  );
}
