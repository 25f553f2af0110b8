import { RoutingError } from './errors';

/** A padded batch in row-major order, ready to become tensors of shape [rows, width]. */
export interface PaddedBatch {
  /** Token ids: padId after each row's end; an empty row holds emptyRowId then padding. */
  inputIds: Int32Array;
  /** 1 on real tokens (and an empty row's first position), 0 on padding. */
  attentionMask: Int32Array;
  rows: number;
  width: number;
}

/**
 * Lays out token rows into a [batchSize, bucket] buffer, padding each row on the right with `padId`.
 * A batch may have fewer items than rows; each missing row becomes a lone `emptyRowId` ([CLS]) with
 * attention on it, followed by padding. That is the one empty-row policy of the app and eval:ner: a row
 * with nothing to attend to is an edge case attention kernels treat differently (a uniform softmax over
 * padding, zeros, or NaN from 0/0), whereas a one-token row is ordinary input on every backend; its
 * output is never read. Int32Array is used throughout; the engine converts to BigInt64Array when a
 * model wants int64 ids.
 * @throws RoutingError `ROW_TOO_LONG` or `TOO_MANY_ROWS` when the rows do not fit the shape.
 */
export function padBatch(
  rows: readonly ArrayLike<number>[],
  bucket: number,
  batchSize: number,
  padId: number,
  emptyRowId: number,
): PaddedBatch {
  if (!Number.isInteger(bucket) || bucket < 1) {
    throw new RoutingError('NO_BUCKETS', `Bucket width ${String(bucket)} must be a positive integer.`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RoutingError('INVALID_BATCH_SIZE', `Batch size ${String(batchSize)} must be a positive integer.`);
  }
  if (rows.length > batchSize) {
    throw new RoutingError(
      'TOO_MANY_ROWS',
      `${rows.length} rows do not fit a batch of ${batchSize}: plan batches with planBatches first.`,
    );
  }
  const inputIds = new Int32Array(batchSize * bucket).fill(padId);
  const attentionMask = new Int32Array(batchSize * bucket);
  rows.forEach((row, r) => {
    if (row.length > bucket) {
      throw new RoutingError(
        'ROW_TOO_LONG',
        `Row ${r} has ${row.length} tokens but the bucket holds ${bucket}: route it to a larger bucket or truncate it.`,
      );
    }
    const offset = r * bucket;
    for (let i = 0; i < row.length; i++) {
      inputIds[offset + i] = row[i];
      attentionMask[offset + i] = 1;
    }
  });
  for (let r = rows.length; r < batchSize; r++) {
    inputIds[r * bucket] = emptyRowId;
    attentionMask[r * bucket] = 1;
  }
  return { inputIds, attentionMask, rows: batchSize, width: bucket };
}
