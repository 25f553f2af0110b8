"""A BERT token classifier (token + position + segment embeddings, post-LayerNorm encoder, linear head).

Written out by hand instead of nn.TransformerEncoder so the ONNX export is plain (no fast path to switch
off, an additive attention mask like Hugging Face BERT) and every input of the interface is really used.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn


@dataclass
class BertNerConfig:
    vocab_size: int
    hidden_size: int
    num_hidden_layers: int
    num_attention_heads: int
    intermediate_size: int
    max_position_embeddings: int
    num_labels: int
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12
    # Width (in tokens) of the local convolution each layer applies before attention; 0 = plain BERT.
    conv_kernel: int = 0
    # How many of the last layers have attention and a feed-forward block; the layers before them are
    # convolution-only (convolution, GELU), ~5x cheaper per token. -1 = every layer (plain BERT layout).
    attention_layers: int = -1

    def to_dict(self) -> dict:
        return asdict(self)


# Added to the scores of padded keys. Large enough that exp() underflows to exactly 0 in float32, so a
# padded sentence gets the same logits as the sentence alone.
MASKED_SCORE = -1e9


class SelfAttention(nn.Module):
    def __init__(self, cfg: BertNerConfig):
        super().__init__()
        if cfg.hidden_size % cfg.num_attention_heads:
            raise ValueError("hidden_size must be a multiple of num_attention_heads")
        self.heads = cfg.num_attention_heads
        self.head_dim = cfg.hidden_size // cfg.num_attention_heads
        self.qkv = nn.Linear(cfg.hidden_size, 3 * cfg.hidden_size)
        self.out = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.attn_dropout = nn.Dropout(cfg.attention_probs_dropout_prob)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        batch, seq, hidden = x.shape
        qkv = self.qkv(x).view(batch, seq, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + additive_mask
        probs = self.attn_dropout(torch.softmax(scores, dim=-1))
        context = torch.matmul(probs, v).transpose(1, 2).reshape(batch, seq, hidden)
        return self.out(context)


class LocalConv(nn.Module):
    """A 1-D convolution over neighbouring tokens, written as shifted copies and one matrix product.

    Why: a transformer trained from scratch on ~200k words learns local patterns ("New York", a name's
    pieces) slowly; a convolution gives them directly. Written with Slice/Concat/MatMul rather than
    Conv so the graph only uses the ops the BERT graph already has. Padded positions are zeroed first,
    so a real token next to padding sees the same zeros however long the padding is.
    """

    def __init__(self, cfg: BertNerConfig):
        super().__init__()
        if cfg.conv_kernel % 2 != 1:
            raise ValueError("conv_kernel must be odd")
        self.half = cfg.conv_kernel // 2
        self.proj = nn.Linear(cfg.conv_kernel * cfg.hidden_size, cfg.hidden_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = x * mask
        h = self.half
        # Zero rows made from x itself rather than with Pad, whose exported pads come from a
        # ConstantOfShape subgraph: this keeps the graph to ops the plain BERT graph already uses.
        zeros = x[:, :1] * 0.0
        padded = torch.cat([zeros] * h + [x] + [zeros] * h, dim=1)
        width = 2 * h
        # Copy i holds token t + i - h at position t (a negative end slices from the right: no Shape op).
        shifted = [padded[:, i : (i - width) if i < width else None] for i in range(width + 1)]
        return self.proj(torch.cat(shifted, dim=-1))


class ConvLayer(nn.Module):
    """Convolution-only layer: LayerNorm(x + dropout(GELU(conv(x))))."""

    def __init__(self, cfg: BertNerConfig):
        super().__init__()
        self.conv = LocalConv(cfg)
        self.conv_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.dropout = nn.Dropout(cfg.hidden_dropout_prob)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor, token_mask: torch.Tensor) -> torch.Tensor:
        return self.conv_norm(x + self.dropout(nn.functional.gelu(self.conv(x, token_mask))))


class EncoderLayer(nn.Module):
    def __init__(self, cfg: BertNerConfig):
        super().__init__()
        self.conv = LocalConv(cfg) if cfg.conv_kernel else None
        if self.conv is not None:
            self.conv_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.attention = SelfAttention(cfg)
        self.attn_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.ffn_in = nn.Linear(cfg.hidden_size, cfg.intermediate_size)
        self.ffn_out = nn.Linear(cfg.intermediate_size, cfg.hidden_size)
        self.ffn_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.dropout = nn.Dropout(cfg.hidden_dropout_prob)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor, token_mask: torch.Tensor) -> torch.Tensor:
        if self.conv is not None:
            x = self.conv_norm(x + self.dropout(self.conv(x, token_mask)))
        x = self.attn_norm(x + self.dropout(self.attention(x, additive_mask)))
        ffn = self.ffn_out(nn.functional.gelu(self.ffn_in(x)))
        return self.ffn_norm(x + self.dropout(ffn))


class BertNer(nn.Module):
    def __init__(self, cfg: BertNerConfig):
        super().__init__()
        self.cfg = cfg
        self.word_embeddings = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.position_embeddings = nn.Embedding(cfg.max_position_embeddings, cfg.hidden_size)
        self.token_type_embeddings = nn.Embedding(cfg.type_vocab_size, cfg.hidden_size)
        self.embedding_norm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps)
        self.embedding_dropout = nn.Dropout(cfg.hidden_dropout_prob)
        n_attention = cfg.num_hidden_layers if cfg.attention_layers < 0 else cfg.attention_layers
        if n_attention < cfg.num_hidden_layers and not cfg.conv_kernel:
            raise ValueError("layers without attention need conv_kernel > 0")
        self.layers = nn.ModuleList(
            EncoderLayer(cfg) if i >= cfg.num_hidden_layers - n_attention else ConvLayer(cfg)
            for i in range(cfg.num_hidden_layers)
        )
        self.classifier = nn.Linear(cfg.hidden_size, cfg.num_labels)
        self.register_buffer(
            "position_ids", torch.arange(cfg.max_position_embeddings).unsqueeze(0), persistent=False
        )

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        token_type_ids: torch.Tensor,
        token_embeddings: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Logits [batch, seq, num_labels]. `token_embeddings` replaces the word-embedding lookup during
        training (feature tables, token dropout); the exported model folds those into word_embeddings."""
        seq = input_ids.shape[1]
        if token_embeddings is None:
            token_embeddings = self.word_embeddings(input_ids)
        x = (
            token_embeddings
            + self.position_embeddings(self.position_ids[:, :seq])
            + self.token_type_embeddings(token_type_ids)
        )
        x = self.embedding_dropout(self.embedding_norm(x))
        additive_mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * MASKED_SCORE
        token_mask = attention_mask[:, :, None].to(x.dtype)
        for layer in self.layers:
            x = layer(x, additive_mask, token_mask)
        return self.classifier(x)


def init_weights(model: BertNer, std: float = 0.02) -> None:
    """BERT's initialisation: normal(0, std) weights, zero biases, unit LayerNorm."""
    for module in model.modules():
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=std)
            if isinstance(module, nn.Linear) and module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.LayerNorm):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
