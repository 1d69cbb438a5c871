"""Editors' tools: lint the gazetteer, review a corpus for new spellings, apply decisions.

One module per idea (the CLI in :mod:`bnentity.cli.editors` is a thin layer over them):

* :mod:`~bnentity.editors.lint` — ``lint(paths) -> list[Problem]`` (codes ``L2xx``);
* :mod:`~bnentity.editors.namelike` — name-like spans the gazetteer does not cover;
* :mod:`~bnentity.editors.cluster` — clustering unknown spellings with bnentity's keys;
* :mod:`~bnentity.editors.review` — the review queue over a streamed corpus;
* :mod:`~bnentity.editors.report_html` — the self-contained review page;
* :mod:`~bnentity.editors.decisions` — decision records and the JSONL log;
* :mod:`~bnentity.editors.yamledit` — round-trip YAML editing with atomic writes;
* :mod:`~bnentity.editors.apply` — applying decisions to the YAML files;
* :mod:`~bnentity.editors.export` — decisions as regression test cases.

Nothing is imported here, so ``import bnentity.editors.lint`` stays cheap and ruamel.yaml
(the optional extra ``editors``) is needed only by the modules that write YAML.
"""
