import { useEffect, useState } from 'react';
import { detBucketsKey } from '../../core/images';
import { addImageFiles, prepareOcr } from '../../store/images-service';
import { useImagesStore } from '../../store/images-store';
import { DetBucketEditor } from './DetBucketEditor';
import { ImageCard } from './ImageCard';
import { ImageInput } from './ImageInput';
import { OcrComparePanel } from './OcrComparePanel';
import './images.css';

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')
  );
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

  // Drops are taken anywhere on the page: a file dropped beside the drop zone would otherwise make the
  // browser navigate to it and lose every image read so far.
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer!.dropEffect = 'copy';
      setDropActive(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDropActive(false); // left the window, not just a child element
    };
    const onDrop = (event: DragEvent) => {
      setDropActive(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      void addImageFiles(files);
    };
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('dragleave', onDragLeave);
    document.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('dragleave', onDragLeave);
      document.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <div className="images-tab" data-testid="images-tab">
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
