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
/** Bad JSONL lines named one by one in the notes before the rest are only counted. */
const LISTED_LINE_ERRORS = 3;

/** Chooses the parser by the file's extension, or by its first line when the name does not say. */
function formatOf(name: string, text: string): 'jsonl' | 'text' {
  if (JSONL_EXTENSIONS.test(name)) return 'jsonl';
  const firstLine = text.replace(/^\uFEFF/, '').trimStart().split(/\r?\n/, 1)[0] ?? '';
  return firstLine.startsWith('{') && firstLine.trimEnd().endsWith('}') ? 'jsonl' : 'text';
}

export function itemsFromFileText(name: string, text: string): FileItems {
  if (formatOf(name, text) === 'jsonl') {
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
