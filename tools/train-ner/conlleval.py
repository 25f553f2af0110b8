"""Entity-level precision/recall/F1 with conlleval's chunk rules (mirrored in src/core/eval/conlleval.ts).

An entity counts as correct only when its type and both boundaries match. IOB2 input; as in conlleval,
an I- tag that does not continue an entity of its type starts a new one.
"""

from __future__ import annotations


def _split(tag: str) -> tuple[str, str]:
    if tag == "O":
        return "O", ""
    prefix, _, kind = tag.partition("-")
    if prefix not in ("B", "I") or not kind:
        raise ValueError(f"not an IOB2 tag: {tag!r}")
    return prefix, kind


def entities(tags: list[str]) -> set[tuple[int, int, str]]:
    """(first word, last word, type) of every entity in one sentence's tags."""
    found: set[tuple[int, int, str]] = set()
    start, kind = -1, ""
    for i, tag in enumerate(tags):
        prefix, tag_kind = _split(tag)
        continues = prefix == "I" and start >= 0 and tag_kind == kind
        if start >= 0 and not continues:
            found.add((start, i - 1, kind))
            start, kind = -1, ""
        if prefix != "O" and not continues:
            start, kind = i, tag_kind
    if start >= 0:
        found.add((start, len(tags) - 1, kind))
    return found


def evaluate(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Micro P/R/F1 over all entities and per type, from per-sentence gold and predicted tags."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    counts: dict[str, list[int]] = {}  # type -> [correct, predicted, gold]
    for g_tags, p_tags in zip(gold, pred):
        if len(g_tags) != len(p_tags):
            raise ValueError("a predicted sentence differs in length from its gold sentence")
        g, p = entities(g_tags), entities(p_tags)
        for ents, slot in ((g & p, 0), (p, 1), (g, 2)):
            for _, _, kind in ents:
                counts.setdefault(kind, [0, 0, 0])[slot] += 1

    def prf(correct: int, predicted: int, gold_n: int) -> dict:
        precision = correct / predicted if predicted else 0.0
        recall = correct / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "correct": correct,
                "predicted": predicted, "gold": gold_n}

    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"overall": prf(*total), "per_type": {k: prf(*counts[k]) for k in sorted(counts)}}
