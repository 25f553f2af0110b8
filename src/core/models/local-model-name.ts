/**
 * The name a model chosen from local files goes by. Exports almost always call the weights "model.onnx",
 * so the file name alone would name every local model "model": the chosen folder says more, then a
 * telling .onnx file name, then the model config.json says it was exported from.
 */

/** "model.onnx", "model_quantized.onnx", "model-fp16.onnx": names an exporter gives, not the user. */
function isGenericOnnxName(base: string): boolean {
  return /^model([._-].*)?$/i.test(base);
}

/**
 * @param paths the chosen files' paths: "my-ner/onnx/model.onnx" when a folder was chosen (the browser's
 *   `webkitRelativePath`, whose first segment is the chosen folder), "model.onnx" for loose files
 * @param config the parsed config.json, whose `_name_or_path` (written by transformers) names the source
 */
export function localModelName(paths: readonly string[], config?: Record<string, unknown>): string {
  const onnx = paths.find((p) => p.toLowerCase().endsWith('.onnx'));
  const segments = (onnx ?? paths[0] ?? '').split('/').filter((s) => s !== '');
  if (segments.length > 1) return segments[0]!;
  const base = (segments[0] ?? '').replace(/\.onnx$/i, '');
  if (base !== '' && !isGenericOnnxName(base)) return base;
  const exportedFrom = config?._name_or_path;
  if (typeof exportedFrom === 'string' && exportedFrom.trim() !== '') {
    // A local path ("/home/me/runs/ner-v2") is named by its last folder; a hub id keeps its owner.
    const trimmed = exportedFrom.trim().replace(/\/+$/, '');
    return trimmed.startsWith('/') || trimmed.startsWith('.') || trimmed.includes('\\')
      ? (trimmed.split(/[\\/]/).pop() ?? trimmed)
      : trimmed;
  }
  return base === '' ? 'local model' : `${base} (local files)`;
}

const MODEL_JSON_FILES = new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json']);

/** Whether a file of a chosen folder is one the model loader reads; the rest of the folder is not read. */
export function isLocalModelFile(path: string): boolean {
  const base = path.split('/').pop() ?? path;
  return base.toLowerCase().endsWith('.onnx') || MODEL_JSON_FILES.has(base);
}
