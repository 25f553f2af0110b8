// Helper of export_onnx.py: runs an ONNX file with onnxruntime-web (WASM backend in
// Node, as the app's fallback does) on the batches in IN.json and writes the logits to OUT.json, so the
// Python export can check the ONNX file itself, not only the torch module it came from.
// IN.json: [{input_ids, attention_mask, token_type_ids}] with equal-length rows (number[][]).
// Usage: npx tsx tools/train-ner/run_onnx_node.ts ONNX_FILE IN.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';

type Batch = Record<'input_ids' | 'attention_mask' | 'token_type_ids', number[][]>;

const [onnxPath, inPath, outPath] = process.argv.slice(2);
if (!onnxPath || !inPath || !outPath) {
  console.error('usage: npx tsx tools/train-ner/run_onnx_node.ts ONNX_FILE IN.json OUT.json');
  process.exit(2);
}
ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(readFileSync(onnxPath));
const batches = JSON.parse(readFileSync(inPath, 'utf-8')) as Batch[];
const results: { dims: readonly number[]; data: number[] }[] = [];
for (const batch of batches) {
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of ['input_ids', 'attention_mask', 'token_type_ids'] as const) {
    const rows = batch[name];
    const flat = BigInt64Array.from(rows.flat().map((v) => BigInt(v)));
    feeds[name] = new ort.Tensor('int64', flat, [rows.length, rows[0].length]);
  }
  const out = await session.run(feeds);
  const logits = out.logits;
  results.push({ dims: logits.dims, data: Array.from(logits.data as Float32Array) });
}
writeFileSync(outPath, JSON.stringify({ inputNames: session.inputNames, outputNames: session.outputNames, results }));
