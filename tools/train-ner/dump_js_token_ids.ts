// Helper of check_tokenizer_parity.py: tokenises each line of a JSON array of strings with
// transformers.js (the app's tokenizer) and writes the ids, [CLS]/[SEP] included, as a JSON array.
// Usage: npx tsx tools/train-ner/dump_js_token_ids.ts MODEL_DIR IN.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { loadTokenizer } from '../../scripts/lib/tokenize-node';

const [modelDir, inPath, outPath] = process.argv.slice(2);
if (!modelDir || !inPath || !outPath) {
  console.error('usage: npx tsx tools/train-ner/dump_js_token_ids.ts MODEL_DIR IN.json OUT.json');
  process.exit(2);
}
const texts = JSON.parse(readFileSync(inPath, 'utf-8')) as string[];
const tokenizer = await loadTokenizer(modelDir);
const ids = texts.map((text) => tokenizer.encode(text));
writeFileSync(outPath, JSON.stringify(ids));
console.error(`tokenised ${texts.length} texts with transformers.js`);
