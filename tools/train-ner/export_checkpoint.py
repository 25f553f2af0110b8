"""Re-export a saved checkpoint (runs/RUN_NAME/best.pt) with the current export code and model card.

Usage (repository root): tools/train-ner/export_checkpoint.sh RUN_NAME [EXPORT_DIR]
(the .sh runs this file with the OpenBLAS train.sh unpacked; plain /usr/bin/python3 works too, slower)
Use it after training (this is what writes the shipped model) or after changing the export, the decoding
or the card. The checkpoint is scored again on valid (both decodings), the entity-score threshold is
chosen on valid (entity_scores.py); the training figures are the ones saved with it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import torch

from bert_ner_model import BertNer, BertNerConfig
from bert_tokenizer import BertTokenizer
from ner_data import REPO_ROOT, read_conll, shared_data_dir, vocab_path
from decoding import transition_table
from ner_sequences import encode_sentences, make_batches
from app_eval import run_app_eval
from entity_scores import best_threshold, threshold_sweep
from scoring import score, word_logits
from model_card import write_model_card
from ship import ship
from token_features import TokenFeatures
from train import hardware_description

RUNS_DIR = Path(__file__).resolve().parent / "runs"


def training_from_config(out_dir: Path, run_name: str) -> dict:
    """Training figures of checkpoints saved before best.pt held them: the config.json the run exported."""
    config_path = out_dir / "config.json"
    training = json.loads(config_path.read_text()).get("bucketwise", {}).get("training", {}) if config_path.is_file() else {}
    if training.get("run_name") != run_name:
        raise SystemExit(f"{config_path} was not exported by run {run_name!r}; cannot recover its training figures")
    training.setdefault("hardware", hardware_description(training["args"].get("threads", 1)))
    return training


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    checkpoint_path = RUNS_DIR / argv[0] / "best.pt"
    if not checkpoint_path.is_file():
        print(f"no checkpoint at {checkpoint_path}; train first with tools/train-ner/train.sh", file=sys.stderr)
        return 1
    out_dir = Path(argv[1]) if len(argv) > 1 else REPO_ROOT / "public/models/bucketwise-ner"
    torch.set_num_threads(1)
    saved = torch.load(checkpoint_path)
    training = saved.get("training") or training_from_config(out_dir, argv[0])
    tok = BertTokenizer.from_vocab_file(vocab_path())
    model = BertNer(BertNerConfig(**saved["cfg"]))
    model.load_state_dict(saved["model"])
    features = None
    if saved["features"] is not None:
        features = TokenFeatures(tok.vocab, model.cfg.hidden_size, tok.unk_id)
        features.load_state_dict(saved["features"])
    data = shared_data_dir() / "conll2003"
    transitions = saved.get("transitions") or transition_table(read_conll(data / "train.txt"))
    valid_sentences = read_conll(data / "valid.txt")
    valid = encode_sentences(tok, valid_sentences)
    # Scored again with the current code, so both decodings are measured whatever the run recorded.
    scores = score(model.eval(), features, tok, valid, valid_sentences, transitions)
    if features is not None and not bool(features.seen.all()):
        # What mapping ids unseen in train to [UNK] is worth: the same weights, unseen ids keeping their own rows.
        seen = features.seen.clone()
        features.seen.fill_(True)
        kept = score(model, features, tok, valid, valid_sentences, transitions)["viterbi"]["overall"]["f1"]
        features.seen.copy_(seen)
        print(f"valid F1 {scores['viterbi']['overall']['f1']:.4f}; with unseen ids keeping their untrained rows {kept:.4f}")
    sweep = threshold_sweep(word_logits(model, features, tok, valid), [s.tags for s in valid_sentences], transitions)
    threshold = {**best_threshold(sweep), "f1_none": sweep[0]["f1"]}
    print("score threshold sweep on valid (threshold, F1, hidden): " +
          ", ".join(f"{r['threshold']:.2f} {r['f1']:.4f} {r['hidden']}" for r in sweep[::5]))
    print(f"chosen threshold {threshold['threshold']:.2f}: F1 {threshold['f1']:.4f} (none hidden: {threshold['f1_none']:.4f})")
    if "valid_f1_argmax" not in training:
        training["selection_note"] = (" by argmax F1 (the run predates Viterbi decoding; this checkpoint was "
                                      "re-scored with both decodings at export)")
    training = {**training, "valid_f1": round(scores["viterbi"]["overall"]["f1"], 4),
                "valid_f1_argmax": round(scores["argmax"]["overall"]["f1"], 4)}
    sample = make_batches([(e.ids, e.labels) for e in valid[:64]], tok, 16384, rng=None)[0]
    report = ship(model.eval(), features, tok, out_dir, sample, scores, training, transitions, threshold)
    card = report.pop("card")
    print(f"exported {checkpoint_path} to {out_dir}: {report}")
    # The card's headline table is what `npm run eval:ner` prints for the files just written.
    app = run_app_eval(out_dir, [0.0, threshold["threshold"]])
    print(app["output"])
    write_model_card(out_dir, **card, app_eval=app)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
