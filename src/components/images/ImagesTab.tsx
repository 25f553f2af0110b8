import { useEffect, useState, type DragEvent } from 'react';
import { detBucketsKey } from '../../core/images';
import { addImageFiles, prepareOcr } from '../../store/images-service';
import { useImagesStore } from '../../store/images-store';
import { DetBucketEditor } from './DetBucketEditor';
import { ImageCard } from './ImageCard';
import { ImageInput } from './ImageInput';
import { OcrComparePanel } from './OcrComparePanel';
import './images.css';

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
}

/**
 * The Images tab: paste, drop or choose images; each is read by the OCR pipeline in the shared worker
 * with 2-D detector buckets, shown with its boxes, text, bucket and padding; the buckets can be edited
 * or chosen from the images; and the bucketed run is compared with padding everything to the largest.
 */
export default function ImagesTab() {
  const images = useImagesStore((s) => s.images);
  const buckets = useImagesStore((s) => s.detBuckets);
  const [dropActive, setDropActive] = useState(false);
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const currentKey = detBucketsKey(buckets);

  useEffect(() => prepareOcr(), []);

  // Paste anywhere on the page while the tab is open; text pasted into a field is left alone.
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length > 0) {
        event.preventDefault();
        setPasteNote(null);
        void addImageFiles(files);
      } else if (!isEditable(event.target)) {
        setPasteNote('The clipboard held no image. Copy an image (or take a screenshot) and paste again.');
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropActive(true);
  };
  const onDrop = (event: DragEvent) => {
    setDropActive(false);
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    void addImageFiles([...event.dataTransfer.files]);
  };

  return (
    <div
      className="images-tab"
      data-testid="images-tab"
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDropActive(false);
      }}
      onDrop={onDrop}
    >
      <div className="images-top">
        <ImageInput dropActive={dropActive} pasteNote={pasteNote} />
        <DetBucketEditor currentKey={currentKey} />
      </div>
      {images.length > 0 ? (
        <div className="image-cards" data-testid="image-cards">
          {images.map((img) => (
            <ImageCard key={img.id} image={img} currentBuckets={currentKey} />
          ))}
        </div>
      ) : null}
      <OcrComparePanel />
    </div>
  );
}
