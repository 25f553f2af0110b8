"""Check that bert_tokenizer.py gives exactly the ids transformers.js gives from our tokenizer.json.

Usage (repository root): /usr/bin/python3 tools/train-ner/check_tokenizer_parity.py [MODEL_DIR]
Texts: every sentence of CoNLL-2003 train+valid and WNUT-17 train+dev (words joined by single spaces),
plus a few hand-made edge cases. Also checks that word-by-word tokenisation (used for label alignment)
concatenates to the sentence tokenisation. Exits 1 on any mismatch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bert_tokenizer import BertTokenizer
from ner_data import REPO_ROOT, read_conll, read_wnut, shared_data_dir, vocab_path

EDGE_CASES = [
    "U.S. officials met in Washington on Monday.",
    "Straße café naïve Zürich São Paulo",
    "東京 is Tokyo, 北京 is Beijing",
    "tabs\tand\nnewlines\r\nand\u00a0nbsp\u2003em-space",
    "zero\u200bwidth and soft\u00adhyphen and bom\ufeff",
    "emoji 😀 and astral 𠀀 CJK",
    "literal [UNK] and [CLS] tokens inside [MASK]text",
    "a" * 150,
    "$100 + 5% ^ 2 | x ~ y ` z",
    "“quoted” ‘single’ — dash … ellipsis «guillemets»",
    "",
    "   ",
]


def main(argv: list[str]) -> int:
    model_dir = Path(argv[0]) if argv else REPO_ROOT / "public/models/bucketwise-ner"
    data = shared_data_dir()
    tok = BertTokenizer.from_vocab_file(vocab_path())
    word_lists: list[list[str]] = []
    for split in ("train.txt", "valid.txt"):
        word_lists += [s.words for s in read_conll(data / "conll2003" / split)]
    for name in ("wnut17train.conll", "emerging.dev.conll"):
        word_lists += read_wnut(data / "wnut17" / name)
    texts = [" ".join(words) for words in word_lists] + EDGE_CASES

    word_mismatches = 0
    for words in word_lists:
        ids, _ = tok.encode_words(words)
        if ids != tok.encode_text(" ".join(words)):
            word_mismatches += 1

    with tempfile.TemporaryDirectory() as tmp:
        in_path, out_path = Path(tmp) / "texts.json", Path(tmp) / "ids.json"
        in_path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        subprocess.run(
            ["npx", "tsx", "tools/train-ner/dump_js_token_ids.ts", str(model_dir), str(in_path), str(out_path)],
            cwd=REPO_ROOT, check=True,
        )
        js_ids = json.loads(out_path.read_text(encoding="utf-8"))

    mismatches = [(t, tok.encode(t), j) for t, j in zip(texts, js_ids) if tok.encode(t) != j]
    for text, py, js in mismatches[:10]:
        print(f"MISMATCH {text!r}\n  python {py}\n  js     {js}")
    print(
        f"{len(texts)} texts ({len(word_lists)} corpus sentences + {len(EDGE_CASES)} edge cases): "
        f"{len(mismatches)} id mismatches with transformers.js, "
        f"{word_mismatches} sentences where word-by-word ids differ from sentence ids"
    )
    return 1 if mismatches or word_mismatches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
