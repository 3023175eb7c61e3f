"""Many repositories in one view: ``tcop-lint estate`` (local repositories checked in one run,
or JSON reports made elsewhere merged) writes ``estate.json``, ``estate.csv`` and the HTML
dashboard ``index.html``; the shape of ``estate.json`` is ``schema/estate.schema.json``.

- ``entries``: what the estate holds, built from per-repository outcomes;
- ``run``: checking local repositories in worker processes;
- ``merge``: reading JSON reports, failure records and earlier estates;
- ``changes``: points gained and lost since an earlier estate;
- ``outputs``: the files written; ``progress``: progress on stderr; ``command``: what the
  CLI's ``estate`` command delegates to;
- ``github_*``: the steps of the reusable estate workflow (``.github/workflows/estate.yml``):
  listing an organisation's repositories, checking a shard of them, the previous estate.
"""
