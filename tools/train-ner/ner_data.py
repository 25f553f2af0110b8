"""Shared constants and readers for the CoNLL-2003 and WNUT-17 files in ../shared/data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# Index order of dslim/bert-base-NER, so models from the hub and ours share one label table.
LABELS = ("O", "B-MISC", "I-MISC", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
LABEL_TO_ID = {label: i for i, label in enumerate(LABELS)}

# Longest sequence (in tokens, [CLS] and [SEP] included) the models are trained on and the app may feed.
MAX_POSITIONS = 256


class MissingSharedData(FileNotFoundError):
    pass


def shared_data_dir() -> Path:
    path = REPO_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        raise MissingSharedData(
            f"shared data folder not found at {path}: these tools read CoNLL-2003 and the BERT vocabulary "
            "from ../shared/data beside the repository; a fresh clone has none, so run them in the "
            "workspace that provides it"
        )
    return path


def vocab_path() -> Path:
    return shared_data_dir() / "bert-base-cased-vocab" / "vocab.txt"


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]
    doc: int  # index of the -DOCSTART- document the sentence belongs to


def read_conll(path: Path) -> list[Sentence]:
    """Read a 4-column CoNLL-2003 file; NER tag is the last column, documents start at -DOCSTART-."""
    if not path.is_file():
        raise MissingSharedData(f"CoNLL file not found: {path}")
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    doc = -1

    def flush() -> None:
        nonlocal words, tags
        if words:
            sentences.append(Sentence(words, tags, max(doc, 0)))
        words, tags = [], []

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        cols = line.split()
        if cols[0] == "-DOCSTART-":
            flush()
            doc += 1
            continue
        if cols[-1] not in LABEL_TO_ID:
            raise ValueError(f"{path}: unknown NER tag {cols[-1]!r} in line {line!r}")
        words.append(cols[0])
        tags.append(cols[-1])
    flush()
    return sentences


def read_wnut(path: Path) -> list[list[str]]:
    """Words of each WNUT-17 sentence. A line holding only whitespace (a lone TAB in the train file)
    separates sentences just like an empty line."""
    if not path.is_file():
        raise MissingSharedData(f"WNUT file not found: {path}")
    sentences: list[list[str]] = []
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(words)
            words = []
            continue
        words.append(line.split("\t")[0])
    if words:
        sentences.append(words)
    return sentences
