"""Run `npm run eval:ner` (scripts/eval-ner.ts: the app's own pipeline in Node) on an exported model and
read back its figures, so the model card shows exactly what that command prints.

The app decodes the words of its pre-tokeniser ("U.S." is four of them) where the Python scoring uses
CoNLL's words, so the two differ slightly; the card states both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ner_data import REPO_ROOT

_ROW = re.compile(r"^(overall|LOC|MISC|ORG|PER)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s*$")
_SWEEP = re.compile(r"^(\d\.\d\d)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$")


class AppEvalFailed(RuntimeError):
    pass


def run_app_eval(model_dir: Path, sweep: list[float]) -> dict:
    """{"overall": {...}, "per_type": {...}, "sweep": [...], "command": str, "output": str}; percentages
    as fractions. Scores with no threshold; `sweep` lists the thresholds to report beside it."""
    if shutil.which("npx") is None:
        raise AppEvalFailed("npx not found: install Node.js to run scripts/eval-ner.ts")
    args = ["--model", str(model_dir.resolve()), "--threshold", "none", "--sweep", ",".join(f"{t:.2f}" for t in sweep)]
    done = subprocess.run(["npx", "tsx", "scripts/eval-ner.ts", *args], cwd=REPO_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise AppEvalFailed(f"scripts/eval-ner.ts failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    result: dict = {"per_type": {}, "sweep": [], "output": done.stdout,
                    "command": "npm run eval:ner -- " + " ".join(args[2:])}
    for line in done.stdout.splitlines():
        if m := _ROW.match(line.strip()):
            row = {"precision": float(m[2]) / 100, "recall": float(m[3]) / 100, "f1": float(m[4]) / 100, "gold": int(m[5])}
            if m[1] == "overall":
                result["overall"] = row
            else:
                result["per_type"][m[1]] = row
        elif m := _SWEEP.match(line.strip()):
            result["sweep"].append({"threshold": float(m[1]), "precision": float(m[2]) / 100,
                                    "recall": float(m[3]) / 100, "f1": float(m[4]) / 100})
    if "overall" not in result or len(result["per_type"]) != 4:
        raise AppEvalFailed(f"could not read the figures from scripts/eval-ner.ts's output:\n{done.stdout}")
    return result
