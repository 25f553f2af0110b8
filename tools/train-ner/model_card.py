"""Write the model card README.md beside each exported model, from the figures of that export."""

from __future__ import annotations

from pathlib import Path

from bert_ner_model import BertNerConfig


def _args_to_command(args: dict) -> str:
    names = ("budget_min", "hidden", "layers", "attention_layers", "heads", "ffn", "conv_kernel", "dropout", "peak_lr",
             "warmup", "weight_decay", "token_dropout", "replace_prob", "upper_prob", "ema_decay", "single_prob",
             "batch_tokens", "eval_every_min", "checkpoint_every_min", "threads", "seed", "run_name")
    parts = [f"--{name.replace('_', '-')} {args[name]}" for name in names if name in args]
    for flag in ("no_features", "keep_unseen"):
        if args.get(flag):
            parts.append(f"--{flag.replace('_', '-')}")
    return "tools/train-ner/train.sh " + " ".join(parts)


NOTES_PATH = Path(__file__).resolve().parent / "training_notes.md"


def _architecture(cfg: BertNerConfig) -> str:
    n_attention = cfg.num_hidden_layers if cfg.attention_layers < 0 else cfg.attention_layers
    n_conv_only = cfg.num_hidden_layers - n_attention
    conv = (f"a {cfg.conv_kernel}-token convolution (shifted copies + one matrix product; padded positions "
            "zeroed first), " if cfg.conv_kernel else "")
    text = (f"BERT-style encoder, post-LayerNorm, hidden {cfg.hidden_size}: token + position + segment embeddings, "
            f"then {cfg.num_hidden_layers} layers")
    if n_conv_only:
        text += (f": {n_conv_only} convolution-only (a {cfg.conv_kernel}-token convolution, GELU, residual, "
                 f"LayerNorm), then {n_attention} with {conv}self-attention ({cfg.num_attention_heads} heads) and "
                 f"a feed-forward block ({cfg.intermediate_size}, GELU)")
    else:
        text += f", each with {conv}self-attention ({cfg.num_attention_heads} heads) and a feed-forward block ({cfg.intermediate_size}, GELU)"
    return text + ", linear head."


def _app_section(app_eval: dict | None, threshold: dict | None) -> str:
    if not app_eval:
        return ("\n`npm run eval:ner` (scripts/eval-ner.ts) recomputes the figures below through the app's own pipeline "
                "(onnxruntime-web, transformers.js).\n")
    o = app_eval["overall"]
    rows = [f"| **all** | {o['precision']:.4f} | {o['recall']:.4f} | **{o['f1']:.4f}** | {o['gold']} |"]
    rows += [f"| {k} | {v['precision']:.4f} | {v['recall']:.4f} | {v['f1']:.4f} | {v['gold']} |"
             for k, v in app_eval["per_type"].items()]
    at = ""
    if threshold:
        match = [r for r in app_eval["sweep"] if abs(r["threshold"] - round(threshold["threshold"], 2)) < 1e-9]
        if match:
            r = match[0]
            at = (f"With the shipped score threshold {r['threshold']:.2f} (entities below it hidden, as the page does by "
                  f"default): precision {r['precision']:.4f}, recall {r['recall']:.4f}, F1 {r['f1']:.4f}.\n")
    return f"""
Through the app's own pipeline (transformers.js tokenisation of the sentence's text, onnxruntime-web,
the app's decoder: aggregation "first", word-level Viterbi), no entity hidden, as printed by
`{app_eval['command']}`:

| type | precision | recall | F1 | gold entities |
| --- | --- | --- | --- | --- |
{chr(10).join(rows)}

{at}The app's words are its pre-tokeniser's ("U.S." is four), CoNLL's are whitespace-separated, so the
figures below differ slightly.
"""


def _threshold_section(threshold: dict | None) -> str:
    if not threshold:
        return ""
    return f"""
## Entity scores and the default threshold
An entity's score is the mean over its words of the forward-backward marginal of its Viterbi tag under
the same chain (the probability the model gives that word that tag, all paths considered), not the
softmax of a tag the decoder may have overridden. `config.json` `bucketwise.scoreThreshold` =
{threshold['threshold']:.2f} is the threshold that maximises entity F1 on valid when entities scoring below
it are hidden: F1 {threshold['f1']:.4f} (precision {threshold['precision']:.4f}, recall {threshold['recall']:.4f},
{threshold['hidden']} of the predicted entities hidden) against {threshold['f1_none']:.4f} with none hidden.
"""


def _notes() -> str:
    if not NOTES_PATH.is_file():
        return ""
    return "\n" + NOTES_PATH.read_text(encoding="utf-8").strip() + "\n"


def write_model_card(
    out_dir: Path, *, cfg: BertNerConfig, parameters: int, training_parameters: int, onnx_bytes: int,
    scores: dict, training: dict, hardware: str, export_checks: dict, threshold: dict | None = None,
    app_eval: dict | None = None,
) -> None:
    shipped, argmax = scores["viterbi"], scores["argmax"]
    overall = shipped["overall"]
    rows = [f"| **all** | {overall['precision']:.4f} | {overall['recall']:.4f} | **{overall['f1']:.4f}** | "
            f"{argmax['overall']['f1']:.4f} | {overall['gold']} |"]
    for kind, s in shipped["per_type"].items():
        rows.append(f"| {kind} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
                    f"{argmax['per_type'][kind]['f1']:.4f} | {s['gold']} |")
    features = "none" if training["args"].get("no_features") else (
        "a casing/shape class and the mean of lower-cased character 2-4-grams of every vocabulary entry, "
        "learnt as separate tables and folded into the word-embedding table at export")
    selection_note = training.get("selection_note", "")
    reexport_note = (
        f"The shipped files were then written from the run's best checkpoint (`runs/{training['args']['run_name']}/best.pt`) by\n"
        f"`tools/train-ner/export_checkpoint.sh {training['args']['run_name']}`, which scores both decodings, chooses the score\n"
        "threshold and runs `npm run eval:ner` for the table above.\n")
    text = f"""# bucketwise-ner

The default named-entity model of bucketwise: a small BERT token classifier trained from scratch on
CoNLL-2003 English (no pretrained weights), shipped as ONNX so the app works offline. Labels are the
9 CoNLL IOB2 tags in the order of dslim/bert-base-NER (`config.json` `id2label`).

## Interface
- `onnx/model.onnx`, opset 14, inputs `input_ids`, `attention_mask`, `token_type_ids` (int64,
  `[batch_size, sequence_length]`), output `logits` (float32, `[batch_size, sequence_length, 9]`).
- Padding is masked: logits on real tokens are the same alone and padded (checked at export,
  torch diff {export_checks.get('torch_pad_diff', 0):.1e}, ONNX in onnxruntime-web diff
  {export_checks.get('onnx_pad_diff', float('nan')):.1e}; ONNX vs torch {export_checks.get('onnx_torch_diff', float('nan')):.1e}).
- `max_position_embeddings` = {cfg.max_position_embeddings} tokens ([CLS] and [SEP] included); windows longer texts.
- Tokenizer: cased BERT WordPiece (`tokenizer.json`, the 28,996-entry BERT-base-cased vocabulary,
  Apache-2.0). Training used exactly this tokenisation (checked id for id against transformers.js).
  The first sub-token of each word carries the word's label.

## Architecture
{_architecture(cfg)}
Parameters: {parameters:,} in the exported model ({training_parameters:,} while training).
ONNX file: {onnx_bytes:,} bytes ({onnx_bytes / 2**20:.1f} MiB).
Training-time token features: {features}.

## Training
- Data: CoNLL-2003 `train.txt` (14,041 sentences). Sequences pack consecutive sentences of one
  document up to a random cap of at most {cfg.max_position_embeddings} tokens; {training['args']['single_prob']:.0%} hold one sentence.
- Token dropout {training['args']['token_dropout']:.0%} (word embedding replaced by [UNK]'s), dropout {training['args']['dropout']},
  AdamW (weight decay {training['args']['weight_decay']}), peak learning rate {training['args']['peak_lr']}, linear warm-up
  ({training['args']['warmup']:.0%}) and linear decay over a wall-clock budget of {training['args']['budget_min']} minutes.
- Augmentation, drawn anew each epoch: each entity swapped with probability {training['args'].get('replace_prob', 0)} for another
  train.txt mention of its type; a sentence upper-cased with probability {training['args'].get('upper_prob', 0)}.
- Ids that never occur in `train.txt` use [UNK]'s word embedding (plus their own shape and n-gram
  features){' (off in this run)' if training['args'].get('keep_unseen') else ''}; the export folds that into the table.
- {f"Weights: {training.get('weights', 'final')} (an exponential moving average of the weights, decay {training['args']['ema_decay']}, is scored beside the live weights)" if training['args'].get('ema_decay') else "No weight averaging"}.
- This checkpoint: {training['minutes']} minutes, {training['epochs']} epochs, ~{training['tokens_per_s']} tokens/s on
  {hardware}.
- Selection: best entity-level micro F1 on `valid.txt`, scored every {training['args']['eval_every_min']} minutes{selection_note}.

## Decoding
Each word takes the logits of its first sub-token. The tags of a sentence are then chosen by Viterbi
over those words with the CRF-style table in `config.json` `bucketwise.decoding` (log P(tag | previous
tag) and log P(first tag), counted on the training tags; score = log-softmax emissions + transitions).
It mends boundaries the model gets wrong word by word ("Mark Butcher" as B-PER B-PER). Plain argmax
per word also works, with the lower F1 in the last column below.

## Validation (CoNLL-2003 valid.txt, each sentence alone, conlleval rules)
{_app_section(app_eval, threshold)}
Scored by the training scripts on CoNLL's own words (each word tagged from its first sub-token; the
figure used to pick the checkpoint):

| type | precision | recall | F1 (Viterbi, shipped) | F1 (argmax) | gold entities |
| --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}
{_threshold_section(threshold)}
## Reproduce
```
{_args_to_command(training['args'])}
```
{reexport_note}`train.sh` runs `train.py` with Debian's `python3-torch` and `python3-onnx` against OpenBLAS (it
unpacks Debian's `libopenblas0-pthread` under `tools/train-ner/runs/`; Debian's torch otherwise uses
the reference BLAS, ~20x slower). Needs `../shared/data` (CoNLL-2003, BERT vocabulary) beside the
repository. Timing depends on the machine, so a rerun lands on a different checkpoint.
A run saves `runs/RUN_NAME/last.pt` every few minutes; the same command with `--resume` goes on
from it (a larger `--budget-min` stretches the learning-rate schedule and trains longer).
{_notes()}
## Limits
Trained from scratch on ~200k words of 1996 Reuters news: it misses entities absent from that world
and is far below pretrained BERT-base (about 0.95 F1 on this split). CoNLL-2003 is for research use.
"""
    (out_dir / "README.md").write_text(text, encoding="utf-8")
