"""Score a model on CoNLL valid the way the app and `npm run eval:ner` run it: each sentence alone,
each word tagged from its first sub-token, by argmax and by Viterbi with the transition table."""

from __future__ import annotations

import torch

from bert_ner_model import BertNer
from bert_tokenizer import BertTokenizer
from conlleval import evaluate
from decoding import viterbi
from ner_data import LABELS, Sentence
from ner_sequences import Encoded, make_batches
from token_features import TokenFeatures

DECODINGS = ("viterbi", "argmax")


@torch.no_grad()
def word_logits(model: BertNer, features: TokenFeatures | None, tok: BertTokenizer, encoded: list[Encoded]) -> list[torch.Tensor]:
    """[words, labels] logits of each sentence (a word without tokens gets a row favouring "O")."""
    was_training = model.training
    model.eval()
    out: list[torch.Tensor] = [torch.empty(0)] * len(encoded)
    for batch in make_batches([(e.ids, e.labels) for e in encoded], tok, 16384, rng=None):
        ids, mask = batch["input_ids"], batch["attention_mask"]
        embeddings = None if features is None else features(ids, model.word_embeddings, None)
        logits = model(ids, mask, torch.zeros_like(ids), token_embeddings=embeddings)
        for row, k in enumerate(batch["index"].tolist()):
            no_token = torch.full((len(LABELS),), -1e4)
            no_token[0] = 0.0
            out[k] = torch.stack([logits[row, s + 1] if s >= 0 else no_token for s in encoded[k].starts])
    model.train(was_training)
    return out


def score(model: BertNer, features: TokenFeatures | None, tok: BertTokenizer, encoded: list[Encoded],
          sentences: list[Sentence], table: dict) -> dict:
    """{"viterbi": conlleval result, "argmax": conlleval result}."""
    logits = word_logits(model, features, tok, encoded)
    gold = [s.tags for s in sentences]
    argmax = [[LABELS[i] for i in w.argmax(-1).tolist()] for w in logits]
    best_paths = [[LABELS[i] for i in viterbi(w, table)] for w in logits]
    return {"viterbi": evaluate(gold, best_paths), "argmax": evaluate(gold, argmax)}
