import { parseConll2003, parseWnut17, type TaggedSentence } from '../core/datasets/conll';
import { decodeTextFile } from '../core/datasets/encoding';
import { parseJsonl } from '../core/datasets/jsonl';
import { splitIntoItems } from '../core/datasets/text';

/**
 * Turns what the user gave into dataset items (one string per model input) with the parsers of
 * src/core/datasets; this file only picks the parser and words what it reported.
 */

export function itemsFromText(text: string, unit: 'sentences' | 'lines'): string[] {
  return splitIntoItems(text, unit);
}

export interface FileItems {
  items: string[];
  format: string;
  notes: string[];
}

const JSONL_EXTENSIONS = /\.(jsonl|ndjson|json)$/i;
const CONLL_EXTENSIONS = /\.(conll|conll03|iob|iob2|bio)$/i;
const TAG = /^(O|[BIES]-\S+)$/;
/** Lines looked at to recognise a format when the file name does not say. */
const SNIFF_LINES = 20;
/** Bad JSONL lines named one by one in the notes before the rest are only counted. */
const LISTED_LINE_ERRORS = 3;

type FileFormat = 'jsonl' | 'conll2003' | 'wnut17' | 'text';

/** The CoNLL flavour of token-per-line text: 4 space-separated columns, or token TAB tag. */
function conllFlavour(lines: string[]): 'conll2003' | 'wnut17' | null {
  if (lines.length === 0) return null;
  if (lines[0].startsWith('-DOCSTART-')) return 'conll2003';
  const tagged = (columns: string[]) => columns.length > 1 && TAG.test(columns[columns.length - 1]);
  if (lines.every((l) => l.split('\t').length === 2 && tagged(l.split('\t')))) return 'wnut17';
  if (lines.every((l) => l.trim().split(/\s+/).length === 4 && tagged(l.trim().split(/\s+/)))) return 'conll2003';
  return null;
}

/** Chooses the parser by the file's extension and its first lines (CoNLL files often end in .txt). */
function formatOf(name: string, text: string): FileFormat {
  if (JSONL_EXTENSIONS.test(name)) return 'jsonl';
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, SNIFF_LINES);
  const flavour = conllFlavour(lines);
  if (flavour) return flavour;
  if (CONLL_EXTENSIONS.test(name)) return lines.some((l) => l.includes('\t')) ? 'wnut17' : 'conll2003';
  const first = lines[0]?.trim() ?? '';
  return first.startsWith('{') && first.endsWith('}') ? 'jsonl' : 'text';
}

function sentencesToItems(sentences: TaggedSentence[]): string[] {
  return sentences.map((s) => s.tokens.join(' '));
}

export function itemsFromFileText(name: string, text: string): FileItems {
  const format = formatOf(name, text);
  if (format === 'conll2003') {
    return {
      items: sentencesToItems(parseConll2003(text, { source: name })),
      format: `CoNLL-2003, one item per sentence (${name})`,
      notes: [],
    };
  }
  if (format === 'wnut17') {
    return {
      items: sentencesToItems(parseWnut17(text, { source: name })),
      format: `CoNLL (token TAB tag), one item per sentence (${name})`,
      notes: [],
    };
  }
  if (format === 'jsonl') {
    const result = parseJsonl(text, 'text');
    const bad = result.errors.length + result.omittedErrors;
    const notes =
      bad === 0
        ? []
        : [
            `${bad} line${bad === 1 ? '' : 's'} could not be read and ${bad === 1 ? 'was' : 'were'} skipped: ` +
              result.errors
                .slice(0, LISTED_LINE_ERRORS)
                .map((e) => e.message)
                .join(' ') +
              (bad > LISTED_LINE_ERRORS ? ' …' : ''),
          ];
    return { items: result.items, format: `JSONL, "text" field (${name})`, notes };
  }
  return { items: splitIntoItems(text, 'lines'), format: `plain text, one item per line (${name})`, notes: [] };
}

/** Reads a file's bytes and decodes them (BOMs, UTF-16, a Windows-1252 fallback that says so). */
export async function readDatasetFile(file: File): Promise<{ text: string; notice?: string }> {
  const decoded = decodeTextFile(new Uint8Array(await file.arrayBuffer()));
  return decoded.notice ? { text: decoded.text, notice: decoded.notice } : { text: decoded.text };
}
