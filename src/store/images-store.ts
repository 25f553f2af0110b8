import { create } from 'zustand';
import type { OcrCompareEntry } from '../core/images';
import { DEFAULT_DET_BUCKETS, type DetBucket } from '../core/ocr';
import type { OcrResultMessage } from '../protocol/types';
import type { Status, UiError } from './types';

/**
 * The Images tab's own store, beside the app store: plain data only. The decoded pixels of each image
 * are not data the UI renders and are large, so ./images-service keeps them in a Map by image id.
 */

export type ImageStatus = 'decoding' | 'waiting' | 'reading' | 'done' | 'error';

export interface ImageEntry {
  id: string;
  name: string;
  /** The size sent to OCR: the file's size, or smaller when it was scaled down (see scaledNote). */
  width: number;
  height: number;
  /** Said when the image was over the working limit and scaled down before reading. */
  scaledNote: string | null;
  /** An object URL of the file, for display only. */
  url: string | null;
  status: ImageStatus;
  result: OcrResultMessage | null;
  /** The detector buckets (detBucketsKey) and backend the result was read with. */
  readWith: { buckets: string; backend: string } | null;
  error: UiError | null;
  /** The text the user says the image holds (one line per line), for the comparison's error rate; '' when unknown. */
  reference: string;
}

/** A file refused before it became an image (not an image, too large, undecodable). */
export interface RejectedFile {
  id: string;
  name: string;
  error: UiError;
}

export type BucketSource = 'defaults' | 'by hand' | 'from your images';

export interface OcrCompareMeta {
  backend: string;
  buckets: string;
  repetitions: number;
  warmedUp: boolean;
}

export interface ImagesState {
  images: ImageEntry[];
  rejected: RejectedFile[];

  detBuckets: DetBucket[];
  bucketSource: BucketSource;
  /** How the last "choose from my images" went: method and predicted padding, in words. */
  choiceNote: string | null;
  chooseK: number;
  bucketError: UiError | null;

  /** The OCR models in the worker: loaded and configured with detBuckets, or why not. */
  ocrStatus: 'idle' | 'loading' | 'ready' | 'error';
  ocrProgress: string | null;
  ocrError: UiError | null;

  compareStatus: Status | 'stopped';
  compareProgress: { done: number; total: number; message: string } | null;
  compareEntries: OcrCompareEntry[];
  compareMeta: OcrCompareMeta | null;
  compareError: UiError | null;
  compareRepetitions: number;
  compareWarmUp: boolean;
}

export const DEFAULT_CHOOSE_K = 3;

export const useImagesStore = create<ImagesState>()(() => ({
  images: [],
  rejected: [],
  detBuckets: DEFAULT_DET_BUCKETS.map((b) => ({ h: b.h, w: b.w })),
  bucketSource: 'defaults',
  choiceNote: null,
  chooseK: DEFAULT_CHOOSE_K,
  bucketError: null,
  ocrStatus: 'idle',
  ocrProgress: null,
  ocrError: null,
  compareStatus: 'idle',
  compareProgress: null,
  compareEntries: [],
  compareMeta: null,
  compareError: null,
  compareRepetitions: 1,
  compareWarmUp: true,
}));

/** Sets the text an image is known to hold; the next comparison measures each mode against it. */
export function setImageReference(id: string, reference: string): void {
  patchImage(id, { reference });
}

/** Replaces one image's fields by id; a removed image stays removed. */
export function patchImage(id: string, patch: Partial<ImageEntry>): void {
  useImagesStore.setState((s) => ({ images: s.images.map((img) => (img.id === id ? { ...img, ...patch } : img)) }));
}
