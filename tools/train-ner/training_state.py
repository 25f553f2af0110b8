"""What a training run needs to stop and go on later: a checkpoint of everything that changes while it
trains (weights, optimizer moments, weight average, random states, the wall-clock position in the
schedule), and the exponential moving average of the weights."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from torch import nn


@dataclass
class TrainingState:
    step: int = 0
    epoch: int = 0
    seen_tokens: int = 0
    elapsed_s: float = 0.0  # position in the wall-clock schedule


class Ema:
    """Exponential moving average of the model and feature weights (buffers are copied as they are)."""

    def __init__(self, model: nn.Module, features: nn.Module | None, decay: float):
        self.decay = decay
        self.model = copy.deepcopy(model).eval()
        self.features = copy.deepcopy(features) if features is not None else None
        self._pairs = [(model, self.model)] + ([(features, self.features)] if features is not None else [])

    @torch.no_grad()
    def update(self) -> None:
        for live, average in self._pairs:
            for p_live, p_avg in zip(live.parameters(), average.parameters()):
                p_avg.lerp_(p_live, 1.0 - self.decay)

    def state_dict(self) -> dict:
        return {"model": self.model.state_dict(), "features": self.features.state_dict() if self.features else None}

    def load_state_dict(self, state: dict) -> None:
        self.model.load_state_dict(state["model"])
        if self.features is not None:
            self.features.load_state_dict(state["features"])


def save_checkpoint(path: Path, trainer, state: TrainingState) -> None:
    data = {
        "model": trainer.model.state_dict(),
        "features": trainer.features.state_dict() if trainer.features is not None else None,
        "ema": trainer.ema.state_dict() if trainer.ema is not None else None,
        "optimizer": trainer.optimizer.state_dict(),
        "python_random": trainer.rng.getstate(),
        "torch_random": torch.get_rng_state(),
        "best_f1": trainer.best_f1,
        "state": asdict(state),
        "cfg": trainer.cfg.to_dict(),
    }
    tmp = path.with_suffix(".tmp")
    torch.save(data, tmp)
    tmp.replace(path)  # never leave a half-written checkpoint behind


def load_checkpoint(path: Path, trainer) -> TrainingState:
    if not path.is_file():
        raise SystemExit(f"no checkpoint to resume at {path}")
    data = torch.load(path)
    if data["cfg"] != trainer.cfg.to_dict():
        raise SystemExit(f"{path} holds a model of another shape: {data['cfg']}; pass the options of that run")
    trainer.model.load_state_dict(data["model"])
    if trainer.features is not None:
        trainer.features.load_state_dict(data["features"])
    if trainer.ema is not None and data["ema"] is not None:
        trainer.ema.load_state_dict(data["ema"])
    trainer.optimizer.load_state_dict(data["optimizer"])
    trainer.rng.setstate(data["python_random"])
    torch.set_rng_state(data["torch_random"])
    trainer.best_f1 = data["best_f1"]
    return TrainingState(**data["state"])

