"""Benchmark 1: characters per second of the whole ``extract`` pipeline beside bare ``jieba.lcut``.

Both run in this process over the same texts: every report of the corpus. The pipeline is
timed stage by stage — ingest (read and clean the file), structure (sections, sentences,
year, issuer), then each registered stage of :data:`extractors.pipeline.STAGES` — by calling
them in order, exactly as :func:`extractors.pipeline.extract_file` does. Pipeline and jieba
passes alternate and the fastest pass of each counts, so other work on the machine disturbs
the ratio as little as possible. Start-up costs (jieba's dictionary, rule compilation,
jieba's own default dictionary) are paid before timing and reported apart.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

__all__ = ["run_extraction"]


def _pipeline_pass(paths: list[Path]) -> dict[str, float]:
    """One pass of every stage over every file; seconds per stage."""
    from extractors.ingest import read_document  # noqa: PLC0415
    from extractors.pipeline import STAGES, Extraction  # noqa: PLC0415
    from extractors.structure import annotate  # noqa: PLC0415

    seconds = {"ingest": 0.0, "structure": 0.0, **{name: 0.0 for name in STAGES}}
    for path in paths:
        started = time.perf_counter()
        doc = read_document(path)
        now = time.perf_counter()
        seconds["ingest"] += now - started
        annotate(doc)
        started, now = now, time.perf_counter()
        seconds["structure"] += now - started
        state = Extraction(document=doc)
        for name, stage in STAGES.items():
            started = time.perf_counter()
            stage(state)
            seconds[name] += time.perf_counter() - started
    return seconds


def run_extraction(corpus: str | Path, *, repeats: int = 3) -> dict:
    """Throughput of the pipeline and of ``jieba.lcut`` on the corpus, their ratio and start-up costs."""
    from benchmarks.common import corpus_documents  # noqa: PLC0415
    from extractors.pipeline import warm_up  # noqa: PLC0415

    startup = warm_up()
    started = time.perf_counter()
    import jieba  # noqa: PLC0415

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # the global default dictionary, as a plain jieba user has it
    startup["jieba_default_dictionary"] = time.perf_counter() - started

    docs = corpus_documents(corpus)
    paths = [Path(doc.path) for doc in docs]
    texts = [doc.text for doc in docs]
    chars = sum(map(len, texts))
    best_stages: dict[str, float] = {}
    best_jieba = float("inf")
    for _ in range(max(1, repeats)):
        stages = _pipeline_pass(paths)
        if not best_stages or sum(stages.values()) < sum(best_stages.values()):
            best_stages = stages
        started = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        best_jieba = min(best_jieba, time.perf_counter() - started)
    pipeline_s = sum(best_stages.values())
    return {
        "documents": len(docs), "chars": chars, "repeats": max(1, repeats),
        "pipeline_s": round(pipeline_s, 4), "pipeline_chars_per_s": round(chars / pipeline_s),
        "jieba_s": round(best_jieba, 4), "jieba_chars_per_s": round(chars / best_jieba),
        "ratio": round(best_jieba / pipeline_s, 3), "goal_ratio": 0.5,
        "stages_s": {name: round(value, 4) for name, value in best_stages.items()},
        "startup_s": {name: round(value, 3) for name, value in startup.items()},
    }
