"""Scaling out: worker processes on one machine, shards on a Dask cluster, and run
folders that resume after a crash. Workers hand back plain records (dicts), never
spaCy objects; one writer in the parent puts them out in input order.

>>> from dyad.scale import code_scaled       # doctest: +SKIP
>>> for item in code_scaled(articles, workers=2):
...     ...
"""

from dyad.scale.run import code_scaled
from dyad.scale.shards import process_shard

__all__ = ["code_scaled", "process_shard"]
