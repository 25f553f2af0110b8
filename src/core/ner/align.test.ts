import { describe, expect, it } from 'vitest';
import { alignTokensToText, tokenBody, type Span } from './align';

/** The text each span covers, which is easier to read in a failure than numbers. */
function slices(text: string, spans: Span[]): string[] {
  return spans.map((s) => text.slice(s.start, s.end));
}

function pairs(spans: Span[]): [number, number][] {
  return spans.map((s) => [s.start, s.end]);
}

// Token lists below were written by hand from BERT's rules (cased: no lower-casing, no accent stripping;
// split on whitespace and on each punctuation character; "##" continues a word; a word that cannot be
// pieced becomes one [UNK]) for the bert-base-cased vocabulary.
describe('alignTokensToText: exact offsets', () => {
  it('plain sentence', () => {
    const text = 'Mary is flying from Nairobi to New York';
    const tokens = ['Mary', 'is', 'flying', 'from', 'Nairobi', 'to', 'New', 'York'];
    expect(pairs(alignTokensToText(text, tokens))).toEqual([
      [0, 4],
      [5, 7],
      [8, 14],
      [15, 19],
      [20, 27],
      [28, 30],
      [31, 34],
      [35, 39],
    ]);
  });

  it('repeated words get their own occurrence, not the first one', () => {
    const text = 'New York, new York and New York';
    const tokens = ['New', 'York', ',', 'new', 'York', 'and', 'New', 'York'];
    expect(pairs(alignTokensToText(text, tokens))).toEqual([
      [0, 3],
      [4, 8],
      [8, 9],
      [10, 13],
      [14, 18],
      [19, 22],
      [23, 26],
      [27, 31],
    ]);
  });

  it('word pieces split one word without gaps', () => {
    const text = 'The Uzbekistani striker';
    expect(pairs(alignTokensToText(text, ['The', 'Uzbekistan', '##i', 'striker']))).toEqual([
      [0, 3],
      [4, 14],
      [14, 15],
      [16, 23],
    ]);
  });

  it('precomposed accents, twice the same word', () => {
    const text = 'naïve naïve Café crème';
    const tokens = ['na', '##ï', '##ve', 'na', '##ï', '##ve', 'Café', 'c', '##r', '##ème'];
    expect(slices(text, alignTokensToText(text, tokens))).toEqual(tokens.map((t) => tokenBody(t)));
    expect(alignTokensToText(text, tokens)[3]).toEqual({ start: 6, end: 8 });
  });

  it('a combining accent the vocabulary holds as its own piece', () => {
    // "Cafe" + U+0301: the cased vocabulary has "##\u0301", so the mark gets its own token.
    const text = 'Cafe\u0301 ok';
    expect(pairs(alignTokensToText(text, ['Cafe', '##\u0301', 'ok']))).toEqual([
      [0, 4],
      [4, 5],
      [6, 8],
    ]);
  });

  it('an uncased tokenizer: lower-cased, accents stripped, combining mark folded into its letter', () => {
    expect(pairs(alignTokensToText('Cafe\u0301 ok', ['cafe', 'ok']))).toEqual([
      [0, 5],
      [6, 8],
    ]);
    const text = 'MARY Straße Émile';
    const tokens = ['ma', '##ry', 's', '##tra', '##ße', 'em', '##ile'];
    expect(slices(text, alignTokensToText(text, tokens))).toEqual(['MA', 'RY', 'S', 'tra', 'ße', 'Ém', 'ile']);
  });

  it('emoji: surrogate pairs and a variation selector become one [UNK] each', () => {
    const text = 'I \u2764\uFE0F NY \u{1F600}!';
    const spans = alignTokensToText(text, ['I', '[UNK]', 'NY', '[UNK]', '!']);
    expect(pairs(spans)).toEqual([
      [0, 1],
      [2, 4],
      [5, 7],
      [8, 10],
      [10, 11],
    ]);
  });

  it('a ZWJ family sequence is one word, so one [UNK] covers it all', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const text = `${family} family`;
    expect(pairs(alignTokensToText(text, ['[UNK]', 'family']))).toEqual([
      [0, 8],
      [9, 15],
    ]);
  });

  it('NUL and control characters are deleted, joining the letters around them', () => {
    const text = 'a\u0000b c\u0007d';
    expect(pairs(alignTokensToText(text, ['a', '##b', 'c', '##d']))).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
    ]);
  });

  it('lone surrogates are deleted too', () => {
    expect(pairs(alignTokensToText('x\uD800y \uDC00z', ['x', '##y', 'z']))).toEqual([
      [0, 1],
      [2, 3],
      [5, 6],
    ]);
  });

  it('right-to-left text in logical order, with a leading RLM mark', () => {
    const text = '\u200Fשלום עולם';
    const tokens = ['ש', '##ל', '##ו', '##ם', 'ע', '##ו', '##ל', '##ם'];
    expect(pairs(alignTokensToText(text, tokens))).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [6, 7],
      [7, 8],
      [8, 9],
      [9, 10],
    ]);
  });

  it('tabs, CRLF, no-break and ideographic spaces separate words', () => {
    const text = 'New\tYork\r\nCity\u00A0of\u3000Dreams';
    expect(pairs(alignTokensToText(text, ['New', 'York', 'City', 'of', 'Dreams']))).toEqual([
      [0, 3],
      [4, 8],
      [10, 14],
      [15, 17],
      [18, 24],
    ]);
  });

  it('CJK ideographs are single words; kana is not spaced off but here stands alone', () => {
    expect(pairs(alignTokensToText('東京は日本', ['東', '京', 'は', '日', '本']))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(pairs(alignTokensToText('中文abc', ['中', '文', 'a', '##b', '##c']))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
  });

  it('an ideograph outside the BMP stays inside its word (transformers.js checks code units)', () => {
    expect(pairs(alignTokensToText('\u{20000}x y', ['[UNK]', 'y']))).toEqual([
      [0, 3],
      [4, 5],
    ]);
  });

  it('a word over 100 characters is one [UNK]', () => {
    const text = `${'x'.repeat(101)} end`;
    expect(pairs(alignTokensToText(text, ['[UNK]', 'end']))).toEqual([
      [0, 101],
      [102, 105],
    ]);
  });

  it('every punctuation character is its own token, including ASCII symbols', () => {
    const text = 'U.S.-based, (c) $5';
    const tokens = ['U', '.', 'S', '.', '-', 'based', ',', '(', 'c', ')', '$', '5'];
    expect(slices(text, alignTokensToText(text, tokens))).toEqual(tokens);
    expect(alignTokensToText(text, tokens)[10]).toEqual({ start: 16, end: 17 });
  });

  it('a combining mark after punctuation starts the next word', () => {
    const text = '!\u0301\u{1F600} ok';
    expect(pairs(alignTokensToText(text, ['!', '[UNK]', 'ok']))).toEqual([
      [0, 1],
      [1, 4],
      [5, 7],
    ]);
  });

  it('a stray variation selector between spaces is a word of its own, so an [UNK] of its own', () => {
    // From WNUT-17: "norm \u2764 \uFE0F enjoyed" (the heart and its selector split by a space).
    const text = 'norm \u2764 \uFE0F enjoyed';
    expect(pairs(alignTokensToText(text, ['norm', '[UNK]', '[UNK]', 'enjoyed']))).toEqual([
      [0, 4],
      [5, 6],
      [7, 8],
      [9, 16],
    ]);
    // ...and before a typed "[UNK]" the selector still gets the first [UNK], the literal the second.
    expect(pairs(alignTokensToText('\uFE0F[UNK] x', ['[UNK]', '[UNK]', 'x']))).toEqual([
      [0, 1],
      [1, 6],
      [7, 8],
    ]);
  });

  it('two combining marks the vocabulary holds give one token each', () => {
    const text = 'e\u0301\u0301 [UNK]';
    expect(pairs(alignTokensToText(text, ['e', '##\u0301', '##\u0301', '[UNK]']))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [4, 9],
    ]);
  });

  it('an accent-stripping tokenizer deletes a word of marks only, so the [UNK] is the next word', () => {
    // Uncased: " \u0301 " vanishes, the emoji word is the [UNK], then "x" follows.
    expect(pairs(alignTokensToText('\u0301 \u{1F600} x', ['[UNK]', 'x']))).toEqual([
      [2, 4],
      [5, 6],
    ]);
    expect(pairs(alignTokensToText('\uFE0F \u00DF\uD55C \u{1F600}x $', ['[UNK]', '[UNK]', '$']))).toEqual([
      [2, 4],
      [5, 8],
      [9, 10],
    ]);
  });

  it('compatibility forms (an NFKC/NFKD normaliser) still align', () => {
    expect(pairs(alignTokensToText('Ｍary ²', ['Mary', '2']))).toEqual([
      [0, 4],
      [5, 6],
    ]);
    // One ligature split into two tokens: both get the character they share.
    expect(pairs(alignTokensToText('\uFB01x', ['f', '##ix']))).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });
});

describe('alignTokensToText: special tokens', () => {
  it('[CLS] and [SEP] passed along get empty spans at the edges', () => {
    expect(pairs(alignTokensToText('Hi there', ['[CLS]', 'Hi', 'there', '[SEP]']))).toEqual([
      [0, 0],
      [0, 2],
      [3, 8],
      [8, 8],
    ]);
  });

  it('a special token typed in the text is matched literally', () => {
    expect(pairs(alignTokensToText('a [SEP] b', ['a', '[SEP]', 'b']))).toEqual([
      [0, 1],
      [2, 7],
      [8, 9],
    ]);
    expect(pairs(alignTokensToText('say [UNK] \u{1F600}', ['say', '[UNK]', '[UNK]']))).toEqual([
      [0, 3],
      [4, 9],
      [10, 12],
    ]);
  });

  it('honours other unknown and continuation markers', () => {
    const spans = alignTokensToText('Hello \u{1F600}', ['Hel', '@@lo', '<unk>'], {
      unkToken: '<unk>',
      subwordPrefix: '@@',
    });
    expect(pairs(spans)).toEqual([
      [0, 3],
      [3, 5],
      [6, 8],
    ]);
  });
});

describe('alignTokensToText: graceful degradation', () => {
  it('an unmatchable token gets the gap before the next token', () => {
    expect(pairs(alignTokensToText('hello ☃☃ world', ['hello', 'SNOW', 'world']))).toEqual([
      [0, 5],
      [6, 8],
      [9, 14],
    ]);
  });

  it('an unmatchable last token gets the word at the cursor', () => {
    expect(pairs(alignTokensToText('hello world', ['hello', 'zzz']))).toEqual([
      [0, 5],
      [6, 11],
    ]);
  });

  it('tokens beyond the text get empty spans at its end', () => {
    expect(pairs(alignTokensToText('hi', ['hi', 'there', 'you']))).toEqual([
      [0, 2],
      [2, 2],
      [2, 2],
    ]);
    expect(alignTokensToText('', ['[UNK]', 'x'])).toEqual([
      { start: 0, end: 0 },
      { start: 0, end: 0 },
    ]);
    expect(alignTokensToText('anything', [])).toEqual([]);
  });

  it('never throws, and spans stay ordered and inside the text, on random code units', () => {
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = [
      'a',
      'Z',
      ' ',
      '\t',
      '.',
      '#',
      '\u0301',
      '\u200D',
      '\u0000',
      '\uD83D',
      '\uDE00',
      '中',
      'é',
      'ש',
      '\uFFFD',
    ];
    for (let round = 0; round < 500; round++) {
      let text = '';
      const length = next(40);
      for (let i = 0; i < length; i++)
        text += next(5) === 0 ? String.fromCharCode(next(0x10000)) : alphabet[next(alphabet.length)];
      // Tokens: real words of the text mixed with junk, [UNK]s and continuation pieces.
      const words = text.split(/\s+/).filter(Boolean);
      const tokens: string[] = [];
      for (let i = 0; i < next(12); i++) {
        const pick = next(4);
        tokens.push(
          pick === 0
            ? '[UNK]'
            : pick === 1
              ? `##${alphabet[next(alphabet.length)]}`
              : (words[next(words.length || 1)] ?? 'q'),
        );
      }
      const spans = alignTokensToText(text, tokens);
      expect(spans).toHaveLength(tokens.length);
      let previousStart = 0;
      for (const span of spans) {
        expect(span.start).toBeGreaterThanOrEqual(previousStart);
        expect(span.end).toBeGreaterThanOrEqual(span.start);
        expect(span.end).toBeLessThanOrEqual(text.length);
        previousStart = span.start;
      }
    }
  });

  it('stays linear on 20,000 stray variation selectors (each one ambiguous)', () => {
    const text = Array.from({ length: 20_000 }, () => '\uFE0F').join(' ');
    const tokens = Array.from({ length: 20_000 }, () => '[UNK]');
    const t0 = performance.now();
    const spans = alignTokensToText(text, tokens);
    // Linear time is tens of milliseconds; the quadratic version this guards against took minutes.
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(spans[19_999]).toEqual({ start: text.length - 1, end: text.length });
  });

  it('stays linear on a long text', () => {
    const words = Array.from({ length: 5000 }, (_, i) => ['Nairobi', 'is', 'far', 'from', 'York', '.'][i % 6]);
    const text = words.join(' ');
    const t0 = performance.now();
    const spans = alignTokensToText(text, words);
    const elapsed = performance.now() - t0;
    expect(text.slice(spans[4999].start, spans[4999].end)).toBe(words[4999]);
    expect(spans[4999].end).toBe(text.length);
    expect(elapsed).toBeLessThan(2000);
  });
});
