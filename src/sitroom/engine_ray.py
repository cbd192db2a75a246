"""The Ray engine: the extraction of an ingest run done by Ray Data on a Ray cluster (extra ``sitroom[ray]``).

Reading, dating and de-duplicating stay in the ingest process (they need the whole store). The documents it
accepts go to the cluster in shards of ``ray_shard_size``: each shard is one Ray Data job whose workers are
actors that load the spaCy model and the gazetteer once and run the same stages as the local engine
(:func:`sitroom.extraction.extract_documents`). A shard's results are written as Parquet (one row a
document: its id, the JSON contract of ``sitroom extract``, and the records themselves, pickled), read back by
the ingest process and stored in transactions of ``batch_size`` documents, exactly as the local engine stores
them, so both engines give the same store.

Ray is imported only here, and only when the engine is used.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Self

from sitroom.model import Document, Extraction
from sitroom.settings import Settings

log = logging.getLogger(__name__)


class RayUnavailable(RuntimeError):
    """Ray is not installed (``pip install 'sitroom[ray]'``) or the cluster cannot be reached."""


class _Extractor:
    """A Ray Data actor: loads the model once (``load_model`` caches it), then extracts batches of documents."""

    def __init__(self, settings: Settings) -> None:
        from sitroom.nlp import load_model

        self.settings = dataclasses.replace(settings, n_process=1)  # the cluster gives the parallelism
        load_model(settings.model)

    def __call__(self, batch: Any) -> Any:  # pandas frames in and out: NumPy would pad every pickle to the longest
        import pandas as pd

        from sitroom.contract import to_dict
        from sitroom.extraction import extract_documents

        documents = [pickle.loads(blob) for blob in batch["document"]]
        extractions = list(extract_documents(documents, settings=self.settings))
        return pd.DataFrame({"doc_id": [e.document.id for e in extractions],
                             "contract": [json.dumps(to_dict(e), ensure_ascii=False) for e in extractions],
                             "extraction": [pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL) for e in extractions]})


class RayEngine:
    """Extracts shards of documents on a Ray cluster; use as a context manager around one ingest run.

    Args:
        settings: the run's settings (model, batch size, gazetteer; ``ray_address``, ``ray_shard_size``).
        workers: extraction actors (default: the cluster's CPUs).
        output: folder for the Parquet results (default: a temporary folder removed at the end).
    """

    def __init__(self, settings: Settings, *, workers: int | None = None, output: str | Path | None = None) -> None:
        self.settings = settings
        self.workers = workers
        self.shard_size = settings.ray_shard_size
        self._output = Path(output) if output is not None else None
        self._scratch: tempfile.TemporaryDirectory | None = None
        self._shards = 0

    def __enter__(self) -> Self:
        try:
            import ray
        except ImportError:
            raise RayUnavailable("the Ray engine needs Ray: pip install 'sitroom[ray]'") from None
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no reporting home: sitroom runs offline
        if not ray.is_initialized():
            address = self.settings.ray_address or None
            try:
                ray.init(address=address, include_dashboard=False, log_to_driver=False,
                         runtime_env=None, ignore_reinit_error=True)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise RayUnavailable(f"cannot start or reach Ray at {address or 'a local instance'}: {error}") from None
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        for name in ("ray", "ray.data"):  # Ray Data's progress lines would bury sitroom's own output
            logging.getLogger(name).setLevel(logging.WARNING)
        if self.workers is None:
            self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
        if self._output is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="sitroom-ray-")
            self._output = Path(self._scratch.name)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()

    def extract(self, documents: Sequence[Document]) -> list[Extraction]:
        """Extract ``documents`` on the cluster, in their order, through a Parquet shard."""
        if not documents:
            return []
        import pyarrow.parquet as pq
        import ray.data

        shard = self._output / f"shard-{self._shards:05d}"
        self._shards += 1
        items = [{"document": pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL)} for d in documents]
        per_worker = max(1, -(-len(items) // self.workers))
        dataset = ray.data.from_items(items, override_num_blocks=min(len(items), self.workers * 4))
        dataset.map_batches(_Extractor, fn_constructor_kwargs={"settings": self.settings},
                            concurrency=min(self.workers, len(items)), batch_format="pandas",
                            batch_size=min(self.settings.batch_size, per_worker)).write_parquet(str(shard))
        table = pq.read_table(shard, columns=["doc_id", "extraction"])
        found = {doc_id: pickle.loads(blob) for doc_id, blob in zip(table["doc_id"].to_pylist(),
                                                                     table["extraction"].to_pylist(), strict=True)}
        log.info("extracted a shard of %d documents on Ray into %s", len(found), shard)
        return [found[d.id] for d in documents]
