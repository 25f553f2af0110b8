"""Fold the training-time feature tables into a plain BERT, export it, and write its model card."""

from __future__ import annotations

import copy
from pathlib import Path

import torch

from bert_ner_model import BertNer, count_parameters
from bert_tokenizer import BertTokenizer
from export_onnx import export_model
from make_tokenizer_files import write_tokenizer_files
from model_card import write_model_card
from token_features import TokenFeatures

FOLD_TOLERANCE = 1e-3


@torch.no_grad()
def folded_model(model: BertNer, features: TokenFeatures | None, sample: dict[str, torch.Tensor]) -> BertNer:
    """A copy of `model` whose word embeddings include the feature tables; checked on `sample` to compute
    the logits the training-time model computes."""
    shipped = copy.deepcopy(model).eval()
    if features is None:
        return shipped
    features.fold_into_word_embeddings(shipped.word_embeddings)
    ids, mask = sample["input_ids"], sample["attention_mask"]
    types = torch.zeros_like(ids)
    was_training = model.training
    model.eval()
    expected = model(ids, mask, types, token_embeddings=features(ids, model.word_embeddings, None))
    model.train(was_training)
    diff = (expected - shipped(ids, mask, types)).abs().max().item()
    if diff > FOLD_TOLERANCE:
        raise RuntimeError(f"folding the feature tables changes the logits by {diff}")
    return shipped


def ship(
    model: BertNer, features: TokenFeatures | None, tok: BertTokenizer, out_dir: Path,
    sample: dict[str, torch.Tensor], scores: dict, training: dict, transitions: dict, threshold: dict | None = None,
) -> dict:
    """Export to out_dir. `scores` holds conlleval results per decoding ("viterbi", "argmax");
    `transitions` is the Viterbi table, shipped in config.json under bucketwise.decoding; `threshold`
    (entity_scores.best_threshold's row plus "f1_none") becomes bucketwise.scoreThreshold."""
    shipped = folded_model(model, features, sample)
    bucketwise = {"training": training, "decoding": transitions}
    if threshold is not None:
        bucketwise["scoreThreshold"] = round(threshold["threshold"], 2)
    report = export_model(shipped, out_dir, {"bucketwise": bucketwise})
    write_tokenizer_files(out_dir, tok)
    training_parameters = count_parameters(model) + (count_parameters(features) if features else 0)
    card = dict(
        cfg=model.cfg, parameters=count_parameters(shipped), onnx_bytes=report["onnx_bytes"],
        training_parameters=training_parameters, scores=scores, training=training, hardware=training["hardware"],
        export_checks=report, threshold=threshold,
    )
    write_model_card(out_dir, **card)
    report["card"] = card  # so a caller can write the card again with more figures (app_eval)
    return report
