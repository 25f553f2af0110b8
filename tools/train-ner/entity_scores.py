"""Entity scores under the shipped decoder, and the score threshold chosen on valid.

The app decodes each sentence by Viterbi over its words (decoding.py) and scores an entity by how likely
its tags are under the same linear chain: the forward-backward marginal P(tag of word i = chosen tag),
averaged over the entity's words (src/core/ner/marginals.ts computes the same in the app). Entities
scoring below `bucketwise.scoreThreshold` are hidden; the threshold shipped is the one that maximises
entity F1 on CoNLL valid, so hiding them is a trade that valid says is worth it.
"""

from __future__ import annotations

import torch

from conlleval import entities
from decoding import viterbi
from ner_data import LABELS


def chain_marginals(word_logits: torch.Tensor, table: dict) -> torch.Tensor:
    """[words, labels] marginals of the chain start + log-softmax emissions + transitions."""
    emissions = torch.log_softmax(word_logits.double(), dim=-1)
    start = torch.tensor(table["start"], dtype=torch.float64)
    transitions = torch.tensor(table["transitions"], dtype=torch.float64)
    n = emissions.shape[0]
    alpha = torch.empty_like(emissions)
    beta = torch.zeros_like(emissions)
    alpha[0] = start + emissions[0]
    for i in range(1, n):
        alpha[i] = torch.logsumexp(alpha[i - 1][:, None] + transitions, dim=0) + emissions[i]
    for i in range(n - 2, -1, -1):
        beta[i] = torch.logsumexp(transitions + (emissions[i + 1] + beta[i + 1])[None, :], dim=1)
    log_z = torch.logsumexp(alpha[-1], dim=0)
    return torch.exp(alpha + beta - log_z)


def scored_entities(word_logits: torch.Tensor, table: dict) -> list[tuple[int, int, str, float]]:
    """(first word, last word, type, score) of each entity Viterbi finds in one sentence."""
    if word_logits.shape[0] == 0:
        return []
    path = viterbi(word_logits, table)
    marginals = chain_marginals(word_logits, table)
    tags = [LABELS[i] for i in path]
    out = []
    for first, last, kind in sorted(entities(tags)):
        chosen = marginals[torch.arange(first, last + 1), torch.tensor(path[first : last + 1])]
        out.append((first, last, kind, float(chosen.mean())))
    return out


def threshold_sweep(all_logits: list[torch.Tensor], gold_tags: list[list[str]], table: dict,
                    steps: int = 100) -> list[dict]:
    """Entity-level micro P/R/F1 when entities scoring below t are hidden, for t = 0, 1/steps, ... < 1."""
    found = []  # (score, correct)
    n_gold = 0
    for logits, gold in zip(all_logits, gold_tags):
        gold_set = entities(gold)
        n_gold += len(gold_set)
        for first, last, kind, s in scored_entities(logits, table):
            found.append((s, (first, last, kind) in gold_set))
    rows = []
    for k in range(steps):
        t = k / steps
        kept = [c for s, c in found if s >= t]
        correct = sum(kept)
        p = correct / len(kept) if kept else 0.0
        r = correct / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append({"threshold": t, "precision": p, "recall": r, "f1": f1, "hidden": len(found) - len(kept)})
    return rows


def best_threshold(rows: list[dict]) -> dict:
    """The row of highest F1; among equal F1 the lowest threshold (hide as little as possible)."""
    return max(rows, key=lambda row: (round(row["f1"], 6), -row["threshold"]))
