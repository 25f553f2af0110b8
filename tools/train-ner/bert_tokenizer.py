"""Cased BERT WordPiece tokeniser that reproduces transformers.js token for token.

The app tokenises with @huggingface/transformers (JS) from the tokenizer.json this folder writes, so
training must see exactly the same ids. Rather than trusting a Python tokenizer library to agree with
the JS one, this module re-implements the JS pipeline step by step (added-token split, BertNormalizer,
BertPreTokenizer, WordPiece), including its quirks:
  - whitespace is JavaScript's `\\s` set, not Python's `str.isspace`;
  - CJK padding looks at UTF-16 code units, so astral CJK characters are never padded;
  - punctuation is `\\p{P}` plus every ASCII symbol (`$`, `+`, `^` ... split like punctuation).
`check_tokenizer_parity.py` compares it with transformers.js on every CoNLL and WNUT sentence.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
CONTINUING_PREFIX = "##"
MAX_INPUT_CHARS_PER_WORD = 100

# ECMAScript WhiteSpace + LineTerminator: what `\s` and String.prototype.trim match in JS.
JS_WHITESPACE = frozenset(
    "\t\n\u000b\u000c\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)

_CJK_RANGES = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)


def _is_ascii_symbol(cp: int) -> bool:
    return 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E


def is_punctuation(ch: str) -> bool:
    return _is_ascii_symbol(ord(ch)) or unicodedata.category(ch).startswith("P")


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def _is_cjk_code_unit(ch: str) -> bool:
    cp = ord(ch)
    # JS walks UTF-16 code units: an astral character arrives as two surrogates, never in a CJK range.
    if cp > 0xFFFF:
        return False
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def normalize(text: str) -> str:
    """BertNormalizer(clean_text, handle_chinese_chars, lowercase=False, strip_accents=False)."""
    out = []
    for ch in text:
        if ch in ("\x00", "\ufffd") or _is_control(ch):
            continue
        if ch in JS_WHITESPACE:
            out.append(" ")
        elif _is_cjk_code_unit(ch):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    return "".join(out)


def pre_tokenize(text: str) -> list[str]:
    """BertPreTokenizer: runs of non-space non-punctuation, and each punctuation char on its own."""
    pieces: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch in JS_WHITESPACE or is_punctuation(ch):
            if current:
                pieces.append("".join(current))
                current = []
            if ch not in JS_WHITESPACE:
                pieces.append(ch)
        else:
            current.append(ch)
    if current:
        pieces.append("".join(current))
    return pieces


class BertTokenizer:
    def __init__(self, vocab: list[str]):
        self.vocab = vocab
        self.token_to_id = {tok: i for i, tok in enumerate(vocab)}
        if len(self.token_to_id) != len(vocab):
            raise ValueError("vocabulary has duplicate entries")
        for tok in SPECIAL_TOKENS:
            if tok not in self.token_to_id:
                raise ValueError(f"vocabulary lacks the special token {tok}")
        self.unk_id = self.token_to_id["[UNK]"]
        self.cls_id = self.token_to_id["[CLS]"]
        self.sep_id = self.token_to_id["[SEP]"]
        self.pad_id = self.token_to_id["[PAD]"]
        self.mask_id = self.token_to_id["[MASK]"]
        # Added tokens are matched on the raw text before normalisation, longest first (a trie in JS).
        alternation = "|".join(re.escape(t) for t in sorted(SPECIAL_TOKENS, key=len, reverse=True))
        self._special_split = re.compile(f"({alternation})")
        self._word_cache: dict[str, list[int]] = {}

    @classmethod
    def from_vocab_file(cls, path: str | Path) -> "BertTokenizer":
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(
                f"WordPiece vocabulary not found at {path}: the shared data folder ../shared/data is "
                "missing; run from a checkout that has ../shared beside it"
            )
        lines = path.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return cls(lines)

    def wordpiece(self, word: str) -> list[int]:
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        ids = self._wordpiece_uncached(word)
        self._word_cache[word] = ids
        return ids

    def _wordpiece_uncached(self, word: str) -> list[int]:
        if len(word) > MAX_INPUT_CHARS_PER_WORD:
            return [self.unk_id]
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end]
                if start > 0:
                    piece = CONTINUING_PREFIX + piece
                found = self.token_to_id.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return [self.unk_id]
            ids.append(found)
            start = end
        return ids

    def encode_text(self, text: str) -> list[int]:
        """Ids of `text` without [CLS]/[SEP], as transformers.js `encode(text, {add_special_tokens: false})`."""
        ids: list[int] = []
        for section in self._special_split.split(text):
            if not section:
                continue
            if section in SPECIAL_TOKENS:
                ids.append(self.token_to_id[section])
                continue
            for piece in pre_tokenize(normalize(section).strip("".join(JS_WHITESPACE))):
                ids.extend(self.wordpiece(piece))
        return ids

    def encode(self, text: str) -> list[int]:
        return [self.cls_id, *self.encode_text(text), self.sep_id]

    def encode_words(self, words: list[str]) -> tuple[list[int], list[int]]:
        """Ids of the words joined by single spaces, and the index of each word's first sub-token.

        A word that tokenises to nothing (only control characters) gets index -1; it cannot carry a label.
        Tokenising word by word equals tokenising the joined sentence because every step above is local
        to a whitespace-delimited word; check_tokenizer_parity.py verifies that against transformers.js.
        """
        ids: list[int] = []
        starts: list[int] = []
        cache = self.__dict__.setdefault("_word_cache", {})  # training re-encodes augmented sentences every epoch
        for word in words:
            piece_ids = cache.get(word)
            if piece_ids is None:
                piece_ids = cache[word] = self.encode_text(word)
            starts.append(len(ids) if piece_ids else -1)
            ids.extend(piece_ids)
        return ids, starts
