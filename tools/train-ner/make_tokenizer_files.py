"""Write tokenizer.json and tokenizer_config.json for the cased BERT WordPiece vocabulary.

Usage (from the repository root):
    /usr/bin/python3 tools/train-ner/make_tokenizer_files.py \
        public/models/bucketwise-ner public/models/tiny-bert-ner

The files follow the Hugging Face `tokenizers` JSON schema that AutoTokenizer of @huggingface/transformers
reads. The pipeline they describe is the one bert_tokenizer.py implements for training.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bert_tokenizer import CONTINUING_PREFIX, MAX_INPUT_CHARS_PER_WORD, SPECIAL_TOKENS, BertTokenizer
from ner_data import MAX_POSITIONS, vocab_path


def tokenizer_json(tok: BertTokenizer) -> dict:
    cls_id, sep_id = tok.cls_id, tok.sep_id

    def special(name: str, type_id: int) -> dict:
        return {"SpecialToken": {"id": name, "type_id": type_id}}

    def sequence(name: str, type_id: int) -> dict:
        return {"Sequence": {"id": name, "type_id": type_id}}

    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": tok.token_to_id[name],
                "content": name,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for name in SPECIAL_TOKENS
        ],
        "normalizer": {
            "type": "BertNormalizer",
            "clean_text": True,
            "handle_chinese_chars": True,
            "strip_accents": False,
            "lowercase": False,
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]", 0), sequence("A", 0), special("[SEP]", 0)],
            "pair": [
                special("[CLS]", 0), sequence("A", 0), special("[SEP]", 0),
                sequence("B", 1), special("[SEP]", 1),
            ],
            "special_tokens": {
                "[CLS]": {"id": "[CLS]", "ids": [cls_id], "tokens": ["[CLS]"]},
                "[SEP]": {"id": "[SEP]", "ids": [sep_id], "tokens": ["[SEP]"]},
            },
        },
        "decoder": {"type": "WordPiece", "prefix": CONTINUING_PREFIX, "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": "[UNK]",
            "continuing_subword_prefix": CONTINUING_PREFIX,
            "max_input_chars_per_word": MAX_INPUT_CHARS_PER_WORD,
            "vocab": tok.token_to_id,
        },
    }


def tokenizer_config() -> dict:
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": False,
        "do_basic_tokenize": True,
        "tokenize_chinese_chars": True,
        "strip_accents": False,
        "model_max_length": MAX_POSITIONS,
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }


def write_tokenizer_files(out_dir: Path, tok: BertTokenizer) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    # ensure_ascii=False keeps the vocabulary readable; the file is UTF-8 either way.
    (out_dir / "tokenizer.json").write_text(
        json.dumps(tokenizer_json(tok), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out_dir / "tokenizer_config.json").write_text(
        json.dumps(tokenizer_config(), indent=2) + "\n", encoding="utf-8"
    )


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    tok = BertTokenizer.from_vocab_file(vocab_path())
    for out in argv:
        write_tokenizer_files(Path(out), tok)
        print(f"wrote {out}/tokenizer.json and tokenizer_config.json ({len(tok.vocab)} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
