"""Word-level Viterbi decoding with a CRF-style tag-transition table (mirrored in src/core/eval/viterbi.ts).

The token classifier scores each word on its own (its first sub-token's logits); a from-scratch model
often gets the type right and the boundary wrong ("Mark Butcher" as B-PER B-PER). The table holds
log P(tag | previous tag) and log P(first tag) counted on the training tags (add-0.5 smoothing), and
Viterbi picks the tag sequence maximising sum(log-softmax emissions) + sum(log transitions). The table
ships in config.json, so the app can decode the same way.
"""

from __future__ import annotations

import math

import torch

from ner_data import LABEL_TO_ID, LABELS, Sentence

SMOOTHING = 0.5


def transition_table(sentences: list[Sentence]) -> dict:
    n = len(LABELS)
    start = [SMOOTHING] * n
    pairs = [[SMOOTHING] * n for _ in range(n)]
    for s in sentences:
        ids = [LABEL_TO_ID[t] for t in s.tags]
        if ids:
            start[ids[0]] += 1
        for a, b in zip(ids, ids[1:]):
            pairs[a][b] += 1

    def log_normalise(row: list[float]) -> list[float]:
        total = sum(row)
        return [round(math.log(x / total), 6) for x in row]

    return {
        "type": "viterbi",
        "labels": list(LABELS),
        "start": log_normalise(start),
        "transitions": [log_normalise(row) for row in pairs],
        "source": "log P(tag | previous tag) counted on CoNLL-2003 train.txt, add-0.5 smoothing",
    }


def viterbi(word_logits: torch.Tensor, table: dict) -> list[int]:
    """Best tag ids for one sentence from its [words, labels] logits."""
    if word_logits.shape[0] == 0:
        return []
    emissions = torch.log_softmax(word_logits.double(), dim=-1)
    start = torch.tensor(table["start"], dtype=torch.float64)
    transitions = torch.tensor(table["transitions"], dtype=torch.float64)
    score = start + emissions[0]
    back = []
    for i in range(1, emissions.shape[0]):
        candidates = score[:, None] + transitions  # [previous, current]
        score, best_previous = candidates.max(dim=0)
        score = score + emissions[i]
        back.append(best_previous)
    path = [int(score.argmax())]
    for best_previous in reversed(back):
        path.append(int(best_previous[path[-1]]))
    return path[::-1]
