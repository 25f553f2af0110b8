"""Make the tiny test model in public/models/tiny-bert-ner/ (committed, so tests never need Python).

Usage (repository root): /usr/bin/python3 tools/tiny-model/make_tiny_model.py
Same interface and tokenizer as the shipped NER model (see tools/train-ner/), 1 layer, hidden 16,
untrained weights drawn from a fixed seed: fast to load, deterministic, not accurate.
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "train-ner"))

from bert_ner_model import BertNer, BertNerConfig, count_parameters, init_weights  # noqa: E402
from bert_tokenizer import BertTokenizer  # noqa: E402
from export_onnx import export_model  # noqa: E402
from make_tokenizer_files import write_tokenizer_files  # noqa: E402
from ner_data import LABELS, MAX_POSITIONS, REPO_ROOT, vocab_path  # noqa: E402

SEED = 20240917
OUT_DIR = REPO_ROOT / "public" / "models" / "tiny-bert-ner"


def main() -> int:
    torch.manual_seed(SEED)
    tok = BertTokenizer.from_vocab_file(vocab_path())
    cfg = BertNerConfig(
        vocab_size=len(tok.vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=MAX_POSITIONS,
        num_labels=len(LABELS),
    )
    model = BertNer(cfg)
    init_weights(model)
    # A larger head spread than BERT's 0.02 so the argmax varies across tokens and tests of the
    # post-processing see several labels, not a wall of "O".
    torch.nn.init.normal_(model.classifier.weight, std=1.0)
    report = export_model(model, OUT_DIR, {"bucketwise": {"purpose": "tiny untrained test model", "seed": SEED}})
    write_tokenizer_files(OUT_DIR, tok)
    print(f"tiny model: {count_parameters(model)} parameters, checks passed: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
