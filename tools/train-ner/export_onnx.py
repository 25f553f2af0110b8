"""Export a BertNer to the folder layout transformers.js expects, and check the export.

Layout: DIR/onnx/model.onnx and DIR/config.json (Hugging Face BertForTokenClassification shape).
Checks, each raising ExportCheckFailed:
  - the ONNX graph: opset >= 14, int64 inputs input_ids/attention_mask/token_type_ids of dims
    [batch_size, sequence_length], output logits [batch_size, sequence_length, num_labels];
  - the torch module: logits of real tokens equal alone and padded to 128 (within 1e-4);
  - the ONNX file run by onnxruntime-web in Node (run_onnx_node.ts): the same padding check, and equal
    to the torch logits within 1e-4. Skipped with a warning when node/npx is not available.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import onnx
import torch

from bert_ner_model import BertNer
from ner_data import LABELS, REPO_ROOT

OPSET = 14
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
DYNAMIC_DIMS = {0: "batch_size", 1: "sequence_length"}
TOLERANCE = 1e-4
PADDED_LENGTH = 128


class ExportCheckFailed(RuntimeError):
    pass


def hf_config(model: BertNer, extra: dict | None = None) -> dict:
    cfg = model.cfg
    config = {
        "architectures": ["BertForTokenClassification"],
        "model_type": "bert",
        "vocab_size": cfg.vocab_size,
        "hidden_size": cfg.hidden_size,
        "num_hidden_layers": cfg.num_hidden_layers,
        "num_attention_heads": cfg.num_attention_heads,
        "intermediate_size": cfg.intermediate_size,
        "hidden_act": "gelu",
        "hidden_dropout_prob": cfg.hidden_dropout_prob,
        "attention_probs_dropout_prob": cfg.attention_probs_dropout_prob,
        "max_position_embeddings": cfg.max_position_embeddings,
        "type_vocab_size": cfg.type_vocab_size,
        "layer_norm_eps": cfg.layer_norm_eps,
        "position_embedding_type": "absolute",
        "pad_token_id": 0,
        "id2label": {str(i): label for i, label in enumerate(LABELS)},
        "label2id": {label: i for i, label in enumerate(LABELS)},
    }
    if extra:
        config.update(extra)
    return config


def _example_batches(vocab_size: int) -> tuple[list[int], dict, dict]:
    gen = torch.Generator().manual_seed(7)
    n_real = 23
    ids = [101] + torch.randint(1000, vocab_size, (n_real - 2,), generator=gen).tolist() + [102]
    alone = {"input_ids": [ids], "attention_mask": [[1] * n_real], "token_type_ids": [[0] * n_real]}
    pad = PADDED_LENGTH - n_real
    # Second row: a shorter sentence, so the padded batch mixes lengths as the app's buckets do.
    short = ids[:9] + [102]
    padded = {
        "input_ids": [ids + [0] * pad, short + [0] * (PADDED_LENGTH - len(short))],
        "attention_mask": [[1] * n_real + [0] * pad, [1] * len(short) + [0] * (PADDED_LENGTH - len(short))],
        "token_type_ids": [[0] * PADDED_LENGTH, [0] * PADDED_LENGTH],
    }
    return ids, alone, padded


def _torch_logits(model: BertNer, batch: dict) -> torch.Tensor:
    with torch.no_grad():
        return model(*(torch.tensor(batch[name], dtype=torch.long) for name in INPUT_NAMES))


def check_graph(path: Path, num_labels: int) -> None:
    graph_model = onnx.load(str(path))
    onnx.checker.check_model(graph_model)
    opset = max(o.version for o in graph_model.opset_import if o.domain in ("", "ai.onnx"))
    if opset < OPSET:
        raise ExportCheckFailed(f"opset {opset} < {OPSET}")
    inputs = {i.name: i for i in graph_model.graph.input}
    if tuple(inputs) != INPUT_NAMES:
        raise ExportCheckFailed(f"graph inputs are {list(inputs)}, expected {list(INPUT_NAMES)}")

    def dims(value_info) -> list:
        return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]

    for name, value in inputs.items():
        if value.type.tensor_type.elem_type != onnx.TensorProto.INT64:
            raise ExportCheckFailed(f"input {name} is not int64")
        if dims(value) != ["batch_size", "sequence_length"]:
            raise ExportCheckFailed(f"input {name} has dims {dims(value)}")
    outputs = list(graph_model.graph.output)
    if [o.name for o in outputs] != ["logits"] or dims(outputs[0]) != ["batch_size", "sequence_length", num_labels]:
        raise ExportCheckFailed(f"outputs are {[(o.name, dims(o)) for o in outputs]}")


def check_padding_torch(model: BertNer) -> float:
    ids, alone, padded = _example_batches(model.cfg.vocab_size)
    diff = (_torch_logits(model, alone)[0] - _torch_logits(model, padded)[0, : len(ids)]).abs().max().item()
    if diff > TOLERANCE:
        raise ExportCheckFailed(f"torch logits change by {diff} when the sentence is padded")
    return diff


def check_onnx_in_node(model: BertNer, onnx_path: Path) -> tuple[float, float] | None:
    """Max |alone - padded| and max |onnx - torch| over the example batches, run by onnxruntime-web."""
    if shutil.which("npx") is None:
        print("warning: npx not found, the ONNX file was not run")
        return None
    ids, alone, padded = _example_batches(model.cfg.vocab_size)
    with tempfile.TemporaryDirectory() as tmp:
        in_path, out_path = Path(tmp) / "in.json", Path(tmp) / "out.json"
        in_path.write_text(json.dumps([alone, padded]))
        subprocess.run(
            ["npx", "tsx", "tools/train-ner/run_onnx_node.ts", str(onnx_path), str(in_path), str(out_path)],
            cwd=REPO_ROOT, check=True,
        )
        answer = json.loads(out_path.read_text())
    onnx_out = [torch.tensor(r["data"]).view(r["dims"]) for r in answer["results"]]
    pad_diff = (onnx_out[0][0] - onnx_out[1][0, : len(ids)]).abs().max().item()
    torch_diff = max(
        (onnx_out[0] - _torch_logits(model, alone)).abs().max().item(),
        (onnx_out[1][0] - _torch_logits(model, padded)[0]).abs().max().item(),
    )
    if pad_diff > TOLERANCE:
        raise ExportCheckFailed(f"ONNX logits change by {pad_diff} when the sentence is padded")
    if torch_diff > TOLERANCE:
        raise ExportCheckFailed(f"ONNX and torch logits differ by {torch_diff}")
    return pad_diff, torch_diff


def export_model(model: BertNer, model_dir: Path, extra_config: dict | None = None) -> dict:
    """Write DIR/onnx/model.onnx and DIR/config.json, run every check, return what was measured."""
    model = model.eval()
    model_dir = model_dir.resolve()
    onnx_dir = model_dir / "onnx"
    onnx_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = onnx_dir / "model.onnx"
    _, alone, _ = _example_batches(model.cfg.vocab_size)
    example = tuple(torch.tensor(alone[name], dtype=torch.long) for name in INPUT_NAMES)
    tmp_path = onnx_path.with_suffix(".onnx.tmp")
    torch.onnx.export(
        model,
        example,
        str(tmp_path),
        input_names=list(INPUT_NAMES),
        output_names=["logits"],
        dynamic_axes={**{name: DYNAMIC_DIMS for name in INPUT_NAMES}, "logits": DYNAMIC_DIMS},
        opset_version=OPSET,
        do_constant_folding=True,
    )
    check_graph(tmp_path, model.cfg.num_labels)
    report = {"torch_pad_diff": check_padding_torch(model), "onnx_bytes": tmp_path.stat().st_size}
    node = check_onnx_in_node(model, tmp_path)
    if node is not None:
        report["onnx_pad_diff"], report["onnx_torch_diff"] = node
    # Replace the shipped file only once the new one passed, so a failed export never breaks the app.
    tmp_path.replace(onnx_path)
    (model_dir / "config.json").write_text(json.dumps(hf_config(model, extra_config), indent=2) + "\n")
    return report
