import type { ErrorCode } from './messages';

/**
 * What the user can do about each error code, shown under the error's message. Keyed by every code the
 * worker or src/core can raise: a code added to a core module without a hint here fails to compile. An
 * error that carries its own, more specific hint (WorkerError.hint) shows that one instead.
 */
export const ERROR_HINTS: Readonly<Record<ErrorCode, string>> = Object.freeze({
  // The worker's own codes.
  CANCELLED: 'Run it again when you are ready.',
  BAD_INPUT: 'Check the value named in the message and try again.',
  BAD_MODEL: 'Use a BERT-style token-classification export (model.onnx, config.json with id2label, tokenizer.json).',
  MODEL_LOAD_FAILED: 'Check the model source (name, hub id or files) and your connection, then load it again.',
  NO_MODEL: 'Load a model and apply the buckets first.',
  OVER_BUDGET: 'Use fewer buckets, or raise the memory budget in the settings.',
  TEXT_TOO_LONG: 'Choose "window" or "truncate" for long texts in the settings, or add a larger bucket.',
  DEVICE_LOST: 'The GPU was reset; run again: sessions are recreated in a fresh worker.',
  BACKEND_UNAVAILABLE: 'Choose the WASM backend in the settings, or use a browser with WebGPU enabled.',
  WORKER_CRASHED: 'Run the request again: a fresh worker is ready.',
  NETWORK: 'Check your connection and the model host, or use the bundled model.',
  INTERNAL: 'Reload the page; if it happens again, report it with the message above.',
  // src/core/app-state
  BAD_CONFIG_FILE: 'Choose a configuration file this app exported, or fix the field the message names.',
  BAD_EXPORT_INPUT: 'Run a comparison first, then export its results.',
  // src/core/buckets
  INVALID_K: 'Choose a number of buckets from 1 to the number of distinct lengths.',
  EMPTY_HISTOGRAM: 'Add some text, choose a file, or use the sample set.',
  INVALID_LENGTH: 'Lengths must be whole numbers of tokens, 1 or more.',
  INVALID_COUNT: 'Counts must be whole numbers, 0 or more.',
  INVALID_HISTOGRAM: 'Give one count per length, from the same data set.',
  INVALID_CAP: 'Set the largest length to a whole number of tokens, 1 or more.',
  INVALID_MEMORY_BUDGET: 'Enter the memory budget as a positive number of MB, or clear it.',
  MEMORY_BUDGET_TOO_SMALL: 'Raise the memory budget in the settings, or clear it.',
  INVALID_BATCH_SIZE: 'Use a whole number from 1 to 256 for the batch size.',
  INVALID_COST: 'The cost model must give a finite cost for every length; pick another cost model.',
  COST_NOT_NON_DECREASING: 'Longer buckets must not cost less than shorter ones; pick another cost model.',
  UNKNOWN_ALGORITHM: 'Choose one of the listed bucket algorithms.',
  TOO_MANY_COMBINATIONS: 'Choose "Optimal (DP)": it finds the same best buckets far faster.',
  NOT_A_LIST: 'Type the buckets as sizes separated by commas, e.g. 32, 64, 128.',
  EMPTY_BUCKET_LIST: 'Enter at least one bucket size, e.g. 128.',
  BUCKET_NOT_A_NUMBER: 'Type each bucket as a whole number of tokens, e.g. 32, 64, 128.',
  BUCKET_NOT_INTEGER: 'Round each bucket to a whole number of tokens.',
  BUCKET_ZERO: 'Remove the 0: a bucket must hold at least one token.',
  BUCKET_NEGATIVE: 'Remove the negative size: buckets are lengths in tokens.',
  BUCKET_DUPLICATE: 'Remove the repeated size: each bucket size appears once.',
  BUCKET_ABOVE_MAX_POSITIONS: "Lower the largest bucket to the model's maximum positions.",
  BUCKET_TOO_SMALL: 'Make each bucket hold [CLS], [SEP] and at least one token.',
  LARGEST_BUCKET_TOO_SMALL: 'Raise the largest bucket so long texts can be windowed with context.',
  INVALID_SIZE_2D: 'Give image sizes as positive whole numbers of pixels (height x width).',
  // src/core/charts
  NO_LENGTHS: 'Add some text, choose a file, or use the sample set.',
  INVALID_AXIS: "Reset the chart's zoom, or reload the data set.",
  INVALID_BUCKETS: 'Reset the buckets to a placement, then edit them again.',
  LAST_BUCKET: 'Keep at least one bucket: add another before removing this one.',
  LARGEST_TOO_SMALL: 'Keep the largest bucket at or above the longest text, or choose "window".',
  INVALID_INDEX: 'Pick a bucket that is shown in the list.',
  INVALID_SPAN: 'Select text inside the box, then try again.',
  // src/core/datasets
  MALFORMED_LINES: 'Fix the lines the message names, or choose the matching file format.',
  NO_SENTENCES: 'Check that the file is the data set you meant: it holds no sentence.',
  EMPTY_INPUT: 'Type or paste some text, or choose a non-empty file.',
  TOO_MANY_ITEMS: 'Use a smaller file or fewer lines; the browser keeps every item in memory.',
  INPUT_TOO_LARGE: 'Use a smaller file, or split it and load the parts one at a time.',
  NOT_TEXT: 'Choose a plain-text file (UTF-8 .txt, .jsonl or CoNLL), not a binary one.',
  BAD_OPTION: 'Change the setting the message names to an allowed value.',
  // src/core/eval
  BAD_TAG: 'Use IOB2 tags: O, B-TYPE or I-TYPE.',
  LENGTH_MISMATCH: 'Predict exactly one tag per word of each gold sentence.',
  // src/core/images
  BAD_BUCKET_TEXT: 'Type image buckets as HEIGHTxWIDTH separated by commas, e.g. 640x640, 960x960.',
  BAD_BUCKET_SIDE: 'Make each side a positive multiple of 32 pixels.',
  DUPLICATE_BUCKET: 'Remove the repeated image bucket.',
  TOO_MANY_BUCKETS: "Use fewer buckets: each one holds a copy of the model's weights.",
  FILE_TOO_LARGE: 'Use a smaller image, or crop it to the part you need.',
  NO_IMAGES: 'Add at least one image (paste, drop or choose files).',
  BAD_K: 'Choose a number of buckets from 1 to the number of images.',
  // src/core/ner
  SHAPE_MISMATCH: "The model's output does not match its labels: check id2label in config.json.",
  BAD_LABELS: 'Give config.json an id2label with one non-empty label per output column.',
  BAD_TRANSITIONS: 'Fix or remove "bucketwise.decoding" / "bucketwise.scoreThreshold" in the model\'s config.json.',
  BAD_WINDOWS: 'Reload the page and run again; if it persists, report it with the message above.',
  // src/core/ocr
  NOT_AN_IMAGE: 'For a PDF or other document, take a screenshot of the page and paste it here.',
  ZERO_SIZE: 'Choose an image with a width and height of at least one pixel.',
  IMAGE_TOO_LARGE: 'Crop or shrink the image, or take a screenshot of the part you need.',
  BAD_BUCKETS: 'Check the bucket sizes the message names and apply them again.',
  NO_BUCKET_FITS: 'Add a larger bucket, or shrink the image.',
  BAD_MAP: "The detection model's output is not a probability map: use the bundled OCR models.",
  BAD_BOX: 'Reload the page and run again; if it persists, report it with the image.',
  BAD_DICTIONARY: 'Use the dictionary file that came with the recognition model.',
  DICTIONARY_MISMATCH: 'Use the dictionary file that came with the recognition model.',
  BAD_MODEL_OUTPUT: 'Use the bundled OCR models, or an export with the same outputs.',
  // src/core/routing
  TOO_LONG: 'Choose "window" or "truncate" for long texts, or add a larger bucket.',
  NO_BUCKETS: 'Add at least one bucket and apply it.',
  INVALID_WINDOW: 'Use a window stride from 1 to the largest bucket minus 2.',
  INVALID_POLICY: 'Choose window, truncate or reject for long texts.',
  ROW_TOO_LONG: 'Route each input to a bucket that holds it, or add a larger bucket.',
  TOO_MANY_ROWS: 'Plan the batches with the batch size the sessions were made for.',
  NO_2D_BUCKET_FITS: 'Add a larger image bucket, or shrink the image.',
  RESULT_MISMATCH: 'Reload the page and run again; if it persists, report it with the message above.',
  ITEM_SPLIT: 'Merge the windows of a long input before reading its result.',
  // src/core/shapes
  BAD_DIMS: 'Give each dimension as a positive whole number.',
  DATA_SIZE_MISMATCH: 'Give as many values as the shape holds (the product of its dimensions).',
  DOES_NOT_FIT: 'Add a bucket at least as large as the input in every dimension.',
  BAD_BATCH_SIZES: 'Give batch sizes as positive whole numbers, e.g. 1, 4, 8.',
  MIXED_SHAPES: 'Give every input of one batch the same shape outside the bucketed dimensions.',
  UNKNOWN_DIM: 'Name a free dimension the model has (the message lists them).',
});

/** Whether a code from anywhere (a core error's `code`) is one the protocol knows, so it can cross as itself. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_HINTS, code);
}
