"""Train the default NER model from scratch on CoNLL-2003 and ship the best checkpoint as ONNX.

Usage (repository root; Debian's PyTorch: apt-get install python3-torch python3-onnx):
    /usr/bin/python3 tools/train-ner/train.py --budget-min 95 --run-name main

The learning-rate schedule (linear warm-up, then linear decay to zero) runs on wall-clock time, so a run
ends on time however busy the shared CPU is. Every --eval-every-min minutes the model is scored on
valid.txt (entity-level micro F1, conlleval rules, one sentence at a time as `npm run eval:ner` does);
each new best is exported to --export-dir with its model card, so the best so far is always shipped.
Logs and checkpoints go to tools/train-ner/runs/RUN_NAME/ (gitignored).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from pathlib import Path

import torch
from torch import nn

from bert_ner_model import BertNer, BertNerConfig, count_parameters, init_weights
from bert_tokenizer import BertTokenizer
from decoding import transition_table
from ner_data import LABELS, MAX_POSITIONS, REPO_ROOT, read_conll, shared_data_dir, vocab_path
from augment import Augmenter
from ner_sequences import IGNORE, encode_sentences, make_batches, pack_documents
from scoring import score
from ship import ship
from token_features import TokenFeatures
from training_state import Ema, TrainingState, load_checkpoint, save_checkpoint

RUNS_DIR = Path(__file__).resolve().parent / "runs"


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run-name", default="main")
    p.add_argument("--budget-min", type=float, default=95.0, help="wall-clock minutes for the whole run")
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--ffn", type=int, default=1024)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--peak-lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=float, default=0.04, help="fraction of the budget spent warming up")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--token-dropout", type=float, default=0.15, help="share of tokens whose word embedding becomes [UNK]'s")
    p.add_argument("--single-prob", type=float, default=0.3, help="share of sequences that hold one sentence")
    p.add_argument("--batch-tokens", type=int, default=4096, help="padded tokens per batch")
    p.add_argument("--no-features", action="store_true", help="train without the shape and n-gram tables")
    p.add_argument("--conv-kernel", type=int, default=0, help="width of each layer's local convolution (odd; 0 = none)")
    p.add_argument("--attention-layers", type=int, default=-1, help="how many of the last layers have attention (-1 = all; the others are convolution-only)")
    p.add_argument("--replace-prob", type=float, default=0.0, help="chance each training entity is swapped for another mention of its type")
    p.add_argument("--upper-prob", type=float, default=0.0, help="chance a training sentence is upper-cased")
    p.add_argument("--keep-unseen", action="store_true", help="ids absent from train keep their own (untrained) word embedding instead of [UNK]'s")
    p.add_argument("--ema-decay", type=float, default=0.0, help="also keep an exponential moving average of the weights (0 = off)")
    p.add_argument("--checkpoint-every-min", type=float, default=4.0)
    p.add_argument("--resume", action="store_true", help="continue runs/RUN_NAME/last.pt (same options; a larger --budget-min trains longer)")
    p.add_argument("--eval-every-min", type=float, default=6.0)
    # One thread: on the shared 2-core machine (load ~15) two OpenMP threads spent most of their time
    # waiting for each other, <600 tokens/s against ~2,400 with one thread (3x128 model, measured).
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--export-dir", default=str(REPO_ROOT / "public/models/bucketwise-ner"))
    p.add_argument("--no-export", action="store_true", help="score only; ship nothing")
    p.add_argument("--probe-steps", type=int, default=0, help="time this many steps, print tokens/s, exit")
    return p.parse_args(argv)


class Trainer:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        torch.manual_seed(args.seed)
        torch.set_num_threads(args.threads)
        self.rng = random.Random(args.seed)
        self.run_dir = RUNS_DIR / args.run_name
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.tok = BertTokenizer.from_vocab_file(vocab_path())
        data = shared_data_dir() / "conll2003"
        train_sentences = read_conll(data / "train.txt")
        self.train_sentences = train_sentences
        self.train = encode_sentences(self.tok, train_sentences)
        self.augmenter = Augmenter(train_sentences, args.replace_prob, args.upper_prob)
        self.transitions = transition_table(train_sentences)
        self.valid_sentences = read_conll(data / "valid.txt")
        self.valid = encode_sentences(self.tok, self.valid_sentences)
        self.cfg = BertNerConfig(
            vocab_size=len(self.tok.vocab), hidden_size=args.hidden, num_hidden_layers=args.layers,
            num_attention_heads=args.heads, intermediate_size=args.ffn, max_position_embeddings=MAX_POSITIONS,
            num_labels=len(LABELS), hidden_dropout_prob=args.dropout, attention_probs_dropout_prob=args.dropout,
            conv_kernel=args.conv_kernel, attention_layers=args.attention_layers,
        )
        self.model = BertNer(self.cfg)
        init_weights(self.model)
        seen = None
        if not args.keep_unseen:
            seen = torch.zeros(len(self.tok.vocab), dtype=torch.bool)
            seen[torch.tensor(sorted({i for e in self.train for i in e.ids}))] = True
        self.features = None if args.no_features else TokenFeatures(self.tok.vocab, args.hidden, self.tok.unk_id, seen)
        if self.features is not None:
            nn.init.normal_(self.features.shape_embeddings.weight, std=0.02)
            nn.init.normal_(self.features.ngram_embeddings.weight, std=0.02)
        params = list(self.model.parameters()) + (list(self.features.parameters()) if self.features else [])
        decay = [q for q in params if q.dim() == 2]
        no_decay = [q for q in params if q.dim() != 2]
        self.optimizer = torch.optim.AdamW(
            [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
            lr=args.peak_lr, betas=(0.9, 0.98), eps=1e-6,
        )
        self.loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)
        self.log_file = (self.run_dir / "metrics.jsonl").open("a")
        self.best_f1 = -1.0
        self.ema = Ema(self.model, self.features, args.ema_decay) if args.ema_decay > 0 else None

    def log(self, message: str, **metrics) -> None:
        print(message, flush=True)
        if metrics:
            self.log_file.write(json.dumps(metrics) + "\n")
            self.log_file.flush()

    def logits(self, batch: dict[str, torch.Tensor], train: bool) -> torch.Tensor:
        ids, mask = batch["input_ids"], batch["attention_mask"]
        token_types = torch.zeros_like(ids)
        if self.features is None and not train:
            return self.model(ids, mask, token_types)
        drop = None
        if train and self.args.token_dropout > 0:
            real = (mask == 1) & (ids != self.tok.cls_id) & (ids != self.tok.sep_id)
            drop = real & (torch.rand(ids.shape) < self.args.token_dropout)
        if self.features is not None:
            embeddings = self.features(ids, self.model.word_embeddings, drop)
        else:
            dropped = ids if drop is None else ids.masked_fill(drop, self.tok.unk_id)
            embeddings = self.model.word_embeddings(dropped)
        return self.model(ids, mask, token_types, token_embeddings=embeddings)

    def score_valid(self, model: BertNer, features: TokenFeatures | None) -> dict:
        return score(model, features, self.tok, self.valid, self.valid_sentences, self.transitions)

    def lr_at(self, progress: float) -> float:
        w = self.args.warmup
        return self.args.peak_lr * max(0.0, min(progress / w, (1.0 - progress) / (1.0 - w)))

    def export(self, model: BertNer, features: TokenFeatures | None, scores: dict, elapsed_min: float,
               epochs: float, tokens_per_s: float, weights: str) -> None:
        out_dir = Path(self.args.export_dir)
        training = {
            "run_name": self.args.run_name, "minutes": round(elapsed_min, 1), "epochs": round(epochs, 2),
            "tokens_per_s": round(tokens_per_s), "valid_f1": round(scores["viterbi"]["overall"]["f1"], 4),
            "valid_f1_argmax": round(scores["argmax"]["overall"]["f1"], 4), "weights": weights,
            "hardware": hardware_description(self.args.threads),
            "args": {k: v for k, v in vars(self.args).items() if k not in ("export_dir", "resume")},
        }
        torch.save({"model": model.state_dict(), "features": features.state_dict() if features else None,
                    "cfg": self.cfg.to_dict(), "scores": scores, "training": training,
                    "transitions": self.transitions}, self.run_dir / "best.pt")
        if self.args.no_export:
            return
        sample = make_batches([(e.ids, e.labels) for e in self.valid[:64]], self.tok, 16384, rng=None)[0]
        report = ship(model, features, self.tok, out_dir, sample, scores, training, self.transitions)
        self.log(f"exported to {out_dir}: {report}")

    def epoch_sequences(self) -> list:
        if self.args.replace_prob > 0 or self.args.upper_prob > 0:
            sentences = [self.augmenter(s, self.rng) for s in self.train_sentences]
            encoded = encode_sentences(self.tok, sentences)
        else:
            encoded = self.train
        return pack_documents(encoded, self.rng, self.args.single_prob)

    def run(self) -> None:
        args = self.args
        budget_s = args.budget_min * 60
        n_params = count_parameters(self.model) + (count_parameters(self.features) if self.features else 0)
        self.log(f"config {self.cfg.to_dict()} training params {n_params} "
                 f"train sentences {len(self.train)} tokens {sum(len(e.ids) for e in self.train)}")
        state = TrainingState()
        if args.resume:
            state = load_checkpoint(self.run_dir / "last.pt", self)
            self.log(f"resumed at step {state.step}, {state.elapsed_s / 60:.1f} min, best valid F1 {self.best_f1:.4f}")
        start = time.time() - state.elapsed_s
        last_eval = last_checkpoint = time.time()
        tokens_per_epoch = sum(len(e.ids) for e in self.train)
        params = self.optimizer.param_groups[0]["params"] + self.optimizer.param_groups[1]["params"]
        done = False
        while not done:
            state.epoch += 1
            batches = make_batches(self.epoch_sequences(), self.tok, args.batch_tokens, self.rng)
            for batch in batches:
                progress = (time.time() - start) / budget_s
                if progress >= 1.0:
                    done = True
                    break
                for group in self.optimizer.param_groups:
                    group["lr"] = self.lr_at(progress)
                logits = self.logits(batch, train=True)
                loss = self.loss_fn(logits.reshape(-1, logits.shape[-1]), batch["labels"].reshape(-1))
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                self.optimizer.step()
                if self.ema is not None:
                    self.ema.update()
                state.step += 1
                state.seen_tokens += int(batch["attention_mask"].sum())
                elapsed = time.time() - start
                if state.step % 50 == 0 or (args.probe_steps and state.step % 5 == 0):
                    self.log(f"step {state.step} epoch {state.epoch} {elapsed / 60:.1f} min loss {loss.item():.4f} "
                             f"lr {self.lr_at(progress):.2e} {state.seen_tokens / elapsed:.0f} tok/s")
                if args.probe_steps and state.step >= args.probe_steps:
                    self.log(f"probe: {state.seen_tokens / elapsed:.0f} tokens/s, "
                             f"{tokens_per_epoch / (state.seen_tokens / elapsed) / 60:.1f} min/epoch")
                    return
                if time.time() - last_eval >= args.eval_every_min * 60:
                    self.evaluate_and_maybe_export(start, state, tokens_per_epoch)
                    last_eval = time.time()
                if time.time() - last_checkpoint >= args.checkpoint_every_min * 60:
                    state.elapsed_s = time.time() - start
                    save_checkpoint(self.run_dir / "last.pt", self, state)
                    last_checkpoint = time.time()
        self.evaluate_and_maybe_export(start, state, tokens_per_epoch)
        state.elapsed_s = time.time() - start
        save_checkpoint(self.run_dir / "last.pt", self, state)
        self.log(f"finished: best valid F1 {self.best_f1:.4f}")

    def evaluate_and_maybe_export(self, start: float, state: "TrainingState", tokens_per_epoch: int) -> None:
        candidates = [("final", self.model, self.features)]
        if self.ema is not None:
            candidates.append(("ema", self.ema.model, self.ema.features))
        for weights, model, features in candidates:
            scores = self.score_valid(model, features)
            elapsed = time.time() - start
            # Selection by the decoding the app ships (Viterbi); argmax is logged beside it.
            f1 = scores["viterbi"]["overall"]["f1"]
            epochs = state.seen_tokens / tokens_per_epoch
            per_type = " ".join(f"{k} {v['f1']:.3f}" for k, v in scores["viterbi"]["per_type"].items())
            self.log(f"EVAL {weights} step {state.step} epochs {epochs:.2f} {elapsed / 60:.1f} min valid F1 viterbi "
                     f"{f1:.4f} argmax {scores['argmax']['overall']['f1']:.4f} ({per_type})",
                     step=state.step, epochs=epochs, minutes=elapsed / 60, weights=weights, valid=scores)
            if f1 > self.best_f1:
                self.best_f1 = f1
                self.export(model, features, scores, elapsed / 60, epochs, state.seen_tokens / elapsed, weights)


def hardware_description(threads: int) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{threads} CPU thread(s) ({cpu}, OpenBLAS), shared with other jobs; PyTorch {torch.__version__}"


def main(argv: list[str]) -> int:
    Trainer(parse_args(argv)).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
