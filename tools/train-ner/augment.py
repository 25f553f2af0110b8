"""Entity-aware augmentation of CoNLL training sentences, drawn anew every epoch.

- Mention replacement: each entity is swapped, with probability `replace_prob`, for another mention of
  the same type seen anywhere in train.txt (uniform over distinct mentions, so rare names come up as
  often as frequent ones). The model then has to judge a name by its context and spelling, not by
  having memorised it, which is what it needs on the names valid and real users bring.
- Case variants: with probability `upper_prob` a whole sentence is upper-cased, as in Reuters headlines.
Only train.txt feeds the pools, so valid stays unseen.
"""

from __future__ import annotations

import random

from conlleval import entities
from ner_data import Sentence


class Augmenter:
    def __init__(self, sentences: list[Sentence], replace_prob: float, upper_prob: float):
        self.replace_prob = replace_prob
        self.upper_prob = upper_prob
        pools: dict[str, set[tuple[str, ...]]] = {}
        for s in sentences:
            for first, last, kind in entities(s.tags):
                pools.setdefault(kind, set()).add(tuple(s.words[first : last + 1]))
        self.pools = {kind: sorted(mentions) for kind, mentions in pools.items()}

    def __call__(self, s: Sentence, rng: random.Random) -> Sentence:
        words, tags = s.words, s.tags
        if self.replace_prob > 0:
            spans = sorted(entities(tags))
            if spans:
                words, tags = self._replace(words, tags, spans, rng)
        if self.upper_prob > 0 and rng.random() < self.upper_prob:
            words = [w.upper() for w in words]
        if words is s.words and tags is s.tags:
            return s
        return Sentence(list(words), list(tags), s.doc)

    def _replace(self, words: list[str], tags: list[str], spans: list, rng: random.Random):
        new_words: list[str] = []
        new_tags: list[str] = []
        position = 0
        for first, last, kind in spans:
            new_words += words[position:first]
            new_tags += tags[position:first]
            if rng.random() < self.replace_prob:
                mention = list(rng.choice(self.pools[kind]))
            else:
                mention = words[first : last + 1]
            new_words += mention
            new_tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(mention) - 1)
            position = last + 1
        new_words += words[position:]
        new_tags += tags[position:]
        return new_words, new_tags
