"""Turn tokenised CoNLL sentences into training sequences and padded batches."""

from __future__ import annotations

import random
from dataclasses import dataclass

import torch

from bert_tokenizer import BertTokenizer
from ner_data import LABEL_TO_ID, MAX_POSITIONS, Sentence

IGNORE = -100  # loss ignores continuation pieces: the first sub-token of a word carries its label


@dataclass
class Encoded:
    ids: list[int]
    labels: list[int]  # per token, IGNORE except on each word's first sub-token
    starts: list[int]  # per word, index of its first sub-token in ids, -1 if it has none
    doc: int


def encode_sentences(tok: BertTokenizer, sentences: list[Sentence]) -> list[Encoded]:
    out = []
    for s in sentences:
        ids, starts = tok.encode_words(s.words)
        labels = [IGNORE] * len(ids)
        for start, tag in zip(starts, s.tags):
            if start >= 0:
                labels[start] = LABEL_TO_ID[tag]
        if len(ids) > MAX_POSITIONS - 2:
            raise ValueError(f"a sentence of {len(ids)} tokens does not fit {MAX_POSITIONS} positions")
        out.append(Encoded(ids, labels, starts, s.doc))
    return out


def pack_documents(sentences: list[Encoded], rng: random.Random, single_prob: float) -> list[tuple[list[int], list[int]]]:
    """Sequences [CLS] s_i s_i+1 ... [SEP] of consecutive sentences of one document, as the app sees a
    pasted paragraph, up to MAX_POSITIONS tokens (which also trains the far positions). With probability
    `single_prob` a sequence stops after one sentence, as the app sees a single pasted sentence."""
    budget = MAX_POSITIONS - 2
    sequences = []
    i = 0
    while i < len(sentences):
        ids, labels = list(sentences[i].ids), list(sentences[i].labels)
        doc = sentences[i].doc
        i += 1
        if rng.random() >= single_prob:
            # A random cap varies the lengths, so every position up to the maximum gets trained.
            cap = rng.randint(budget // 4, budget)
            while i < len(sentences) and sentences[i].doc == doc and len(ids) + len(sentences[i].ids) <= cap:
                ids += sentences[i].ids
                labels += sentences[i].labels
                i += 1
        sequences.append((ids, labels))
    return sequences


def make_batches(
    sequences: list[tuple[list[int], list[int]]],
    tok: BertTokenizer,
    max_batch_tokens: int,
    rng: random.Random | None,
) -> list[dict[str, torch.Tensor]]:
    """Group sequences of similar length (little padding) into batches of at most max_batch_tokens
    padded tokens; shuffle the batch order when rng is given."""
    order = sorted(range(len(sequences)), key=lambda k: len(sequences[k][0]))
    groups: list[list[int]] = []
    current: list[int] = []
    for k in order:
        length = len(sequences[k][0]) + 2
        if current and length * (len(current) + 1) > max_batch_tokens:
            groups.append(current)
            current = []
        current.append(k)
    if current:
        groups.append(current)
    if rng is not None:
        rng.shuffle(groups)
    batches = []
    for group in groups:
        width = max(len(sequences[k][0]) for k in group) + 2
        ids = torch.full((len(group), width), tok.pad_id, dtype=torch.long)
        labels = torch.full((len(group), width), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(group), width), dtype=torch.long)
        for row, k in enumerate(group):
            seq_ids, seq_labels = sequences[k]
            n = len(seq_ids) + 2
            ids[row, :n] = torch.tensor([tok.cls_id, *seq_ids, tok.sep_id])
            labels[row, 1 : n - 1] = torch.tensor(seq_labels)
            mask[row, :n] = 1
        batches.append({"input_ids": ids, "attention_mask": mask, "labels": labels, "index": torch.tensor(group)})
    return batches
