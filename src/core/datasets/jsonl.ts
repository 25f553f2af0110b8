import { DatasetError, checkItemCount, checkText, limitOf, type DatasetLimits } from './text';
import { errorMessage } from '../errors';

export interface JsonlLineError {
  /** 1-based line number in the input. */
  line: number;
  message: string;
}

export interface JsonlResult {
  /** The text of every good line, in input order. */
  items: string[];
  /** One entry per bad line, in input order (at most `maxErrors`). */
  errors: JsonlLineError[];
  /** Bad lines beyond `maxErrors`, counted but not listed, so nothing goes unreported. */
  omittedErrors: number;
}

export interface JsonlOptions extends DatasetLimits {
  /** Bad lines listed individually before the rest are only counted. Default 1,000. */
  maxErrors?: number;
}

/**
 * Reads JSON Lines: one JSON object per line, the item being its string property `field`. Blank lines are
 * skipped; every other line either yields an item or an error naming its line, so a few broken lines do
 * not cost the good ones. A missing, non-string or empty `field` is an error for that line.
 * @throws EmptyInputError, InputTooLargeError, TooManyItemsError (see text.ts); BAD_OPTION for a bad field.
 */
export function parseJsonl(text: string, field = 'text', options: JsonlOptions = {}): JsonlResult {
  if (typeof field !== 'string' || field === '') {
    throw new DatasetError('BAD_OPTION', 'The JSONL field name must be a non-empty string, such as "text".');
  }
  checkText(text, options);
  const maxErrors = limitOf(options.maxErrors, 1000, 'maxErrors');
  const items: string[] = [];
  const errors: JsonlLineError[] = [];
  let omittedErrors = 0;
  const report = (line: number, message: string) => {
    if (errors.length < maxErrors) errors.push({ line, message });
    else omittedErrors++;
  };

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const lineNumber = i + 1;
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const hint =
        lineNumber === 1 && line === '[' ? ' The file looks like one JSON array; JSONL needs one object per line.' : '';
      report(lineNumber, `Line ${lineNumber} is not valid JSON (${errorMessage(err)}).${hint}`);
      return;
    }
    const item = itemOf(value, field);
    if (typeof item === 'string') items.push(item);
    else report(lineNumber, `Line ${lineNumber} ${item.problem}`);
  });
  checkItemCount(items.length, options);
  return { items, errors, omittedErrors };
}

function itemOf(value: unknown, field: string): string | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `is ${describe(value)}, not an object; write each line as {"${field}": "..."}.` };
  }
  if (!Object.prototype.hasOwnProperty.call(value, field)) {
    const keys = Object.keys(value);
    const has = keys.length
      ? `it has ${keys
          .slice(0, 5)
          .map((k) => `"${k}"`)
          .join(', ')}`
      : 'it is empty';
    return { problem: `has no "${field}" field (${has}); choose the field that holds the text.` };
  }
  const item = (value as Record<string, unknown>)[field];
  if (typeof item !== 'string') return { problem: `has "${field}" as ${describe(item)}; it must be a string.` };
  if (item.trim() === '') return { problem: `has an empty "${field}"; remove the line or fill in its text.` };
  return item;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
