"""Writes e2e/models/cpu-node-model.onnx: a tiny token classifier shaped like the bundled models (int64
input_ids, attention_mask, token_type_ids -> float32 logits [batch, sequence, 9]) whose first node, an
int64 Mod, has no WebGPU kernel and so runs on the CPU. onnxruntime refuses graph capture for it, which
e2e/graph-capture.spec.ts expects the app to report (docs/graph-capture.md, problem 3).

    /usr/bin/python3 e2e/models/make-cpu-node-model.py
"""

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

LABELS = 9  # the tiny model's label count, so that its config.json and tokenizer fit
ROWS_IN_TABLE = 7

table = numpy_helper.from_array(
    np.random.default_rng(3).standard_normal((ROWS_IN_TABLE, LABELS)).astype(np.float32), "table"
)
modulus = numpy_helper.from_array(np.array(ROWS_IN_TABLE, dtype=np.int64), "modulus")
last_axis = numpy_helper.from_array(np.array([2], dtype=np.int64), "last_axis")
nodes = [
    # Folds any token id into the table's rows; Mod on int64 is the CPU-placed node.
    helper.make_node("Mod", ["input_ids", "modulus"], ["row"]),
    helper.make_node("Gather", ["table", "row"], ["scores"], axis=0),
    helper.make_node("Cast", ["attention_mask"], ["mask_float"], to=TensorProto.FLOAT),
    helper.make_node("Unsqueeze", ["mask_float", "last_axis"], ["mask_column"]),
    helper.make_node("Mul", ["scores", "mask_column"], ["masked"]),
    helper.make_node("Cast", ["token_type_ids"], ["type_float"], to=TensorProto.FLOAT),
    helper.make_node("Unsqueeze", ["type_float", "last_axis"], ["type_column"]),
    helper.make_node("Add", ["masked", "type_column"], ["logits"]),
]
inputs = [
    helper.make_tensor_value_info(name, TensorProto.INT64, ["batch_size", "sequence_length"])
    for name in ("input_ids", "attention_mask", "token_type_ids")
]
output = helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", LABELS])
graph = helper.make_graph(nodes, "cpu_node_classifier", inputs, [output], [table, modulus, last_axis])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, Path(__file__).with_name("cpu-node-model.onnx"))
