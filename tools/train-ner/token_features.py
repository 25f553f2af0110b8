"""Training-time token features: a casing/shape class and character n-grams per vocabulary entry.

Both are fixed functions of the token id, so after training `fold_into_word_embeddings` adds them into
the word-embedding table and the exported model is a plain BERT (ids in, logits out). During training
they are kept apart from the word embedding so that token dropout (a token's word embedding replaced by
[UNK]'s) hides the identity of a token but not its casing or spelling, and so that rare pieces share
strength through common n-grams ("##ski", "##berg", "Mc").
"""

from __future__ import annotations

import torch
from torch import nn

from bert_tokenizer import CONTINUING_PREFIX, SPECIAL_TOKENS

NGRAM_SIZES = (2, 3, 4)
MIN_NGRAM_ENTRIES = 2  # an n-gram seen in one vocabulary entry adds nothing a word embedding lacks
MAX_NGRAMS_PER_TOKEN = 48

SHAPES = ("special", "lower", "upper", "title", "single_upper", "mixed", "digits", "alnum_digits",
          "punct", "other")


def token_shape(piece: str) -> str:
    if piece in SPECIAL_TOKENS:
        return "special"
    if piece.isdigit():
        return "digits"
    if any(c.isdigit() for c in piece):
        return "alnum_digits"
    if not any(c.isalnum() for c in piece):
        return "punct"
    letters = [c for c in piece if c.isalpha()]
    if not letters:
        return "other"
    if all(c.islower() for c in letters):
        return "lower"
    if all(c.isupper() for c in letters):
        return "single_upper" if len(letters) == 1 else "upper"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "title"
    return "mixed"


def shape_ids(vocab: list[str]) -> torch.Tensor:
    """Shape class of every entry, doubled by whether it continues a word (## prefix)."""
    ids = []
    for entry in vocab:
        continuing = entry.startswith(CONTINUING_PREFIX) and len(entry) > len(CONTINUING_PREFIX)
        piece = entry[len(CONTINUING_PREFIX):] if continuing else entry
        ids.append(SHAPES.index(token_shape(piece)) + (len(SHAPES) if continuing else 0))
    return torch.tensor(ids, dtype=torch.long)


def _ngrams(entry: str) -> list[str]:
    if entry in SPECIAL_TOKENS:
        return []
    continuing = entry.startswith(CONTINUING_PREFIX) and len(entry) > len(CONTINUING_PREFIX)
    # Lower-cased: casing is the shape feature's job, so "Berlin" and "BERLIN" share their n-grams.
    # "<" marks a word start; a continuation piece has none, so "##son" and "son" differ.
    text = entry[len(CONTINUING_PREFIX):].lower() if continuing else "<" + entry.lower()
    grams = [text[i:i + n] for n in NGRAM_SIZES for i in range(len(text) - n + 1)]
    return list(dict.fromkeys(grams))[:MAX_NGRAMS_PER_TOKEN]


def ngram_table(vocab: list[str]) -> tuple[torch.Tensor, torch.Tensor, int]:
    """[V, K] n-gram indices (0 = none) and [V, K] weights averaging each entry's n-grams."""
    per_entry = [_ngrams(entry) for entry in vocab]
    counts: dict[str, int] = {}
    for grams in per_entry:
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
    index = {g: i + 1 for i, g in enumerate(sorted(g for g, c in counts.items() if c >= MIN_NGRAM_ENTRIES))}
    width = max(1, max(len(g) for g in per_entry))
    ids = torch.zeros(len(vocab), width, dtype=torch.long)
    weights = torch.zeros(len(vocab), width)
    for row, grams in enumerate(per_entry):
        kept = [index[g] for g in grams if g in index]
        if kept:
            ids[row, : len(kept)] = torch.tensor(kept)
            weights[row, : len(kept)] = 1.0 / len(kept)
    return ids, weights, len(index) + 1


class TokenFeatures(nn.Module):
    """`seen` (optional, bool per id): ids that occur in the training data. Any other id gets [UNK]'s word
    embedding (plus its own shape and n-gram features): an id never seen in training would otherwise keep
    its random initial vector, noise the model never learnt to ignore, while [UNK] is trained by token
    dropout to stand for "some word, spelt like this"."""

    def __init__(self, vocab: list[str], hidden_size: int, unk_id: int, seen: torch.Tensor | None = None):
        super().__init__()
        ngram_ids, ngram_weights, n_ngrams = ngram_table(vocab)
        self.register_buffer("seen", torch.ones(len(vocab), dtype=torch.bool) if seen is None else seen.clone())
        self.register_buffer("shape_of", shape_ids(vocab))
        self.register_buffer("ngram_ids", ngram_ids)
        self.register_buffer("ngram_weights", ngram_weights)
        self.shape_embeddings = nn.Embedding(2 * len(SHAPES), hidden_size)
        self.ngram_embeddings = nn.EmbeddingBag(n_ngrams, hidden_size, mode="sum", padding_idx=0)
        self.unk_id = unk_id
        self.n_ngrams = n_ngrams

    def features(self, ids: torch.Tensor) -> torch.Tensor:
        """Shape + n-gram vector of each id in a 1-D tensor of ids."""
        bag = self.ngram_embeddings(self.ngram_ids[ids], per_sample_weights=self.ngram_weights[ids])
        return bag + self.shape_embeddings(self.shape_of[ids])

    def forward(self, input_ids: torch.Tensor, word_embeddings: nn.Embedding, drop: torch.Tensor | None) -> torch.Tensor:
        # Features are computed once per distinct id in the batch: a batch of ~8k tokens has ~2k ids.
        unique, inverse = torch.unique(input_ids, return_inverse=True)
        feats = self.features(unique)[inverse]
        word_ids = input_ids.masked_fill(~self.seen[input_ids], self.unk_id)
        if drop is not None:
            word_ids = word_ids.masked_fill(drop, self.unk_id)
        return word_embeddings(word_ids) + feats

    @torch.no_grad()
    def fold_into_word_embeddings(self, word_embeddings: nn.Embedding, chunk: int = 4096) -> None:
        vocab_size = word_embeddings.weight.shape[0]
        word_embeddings.weight[~self.seen] = word_embeddings.weight[self.unk_id].clone()
        for start in range(0, vocab_size, chunk):
            ids = torch.arange(start, min(start + chunk, vocab_size))
            word_embeddings.weight[ids] += self.features(ids)
