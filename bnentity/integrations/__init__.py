"""Adapters that put bnentity after other Bengali NLP tools.

Each adapter is a submodule that imports its tool only when it is used, so importing this
package costs nothing and ``import bnentity`` never imports it:

* :mod:`bnentity.integrations.bnlp` — bnlp-toolkit's NER (``pip install 'bnentity[bnlp]'``).

Any other recognizer needs no adapter: pass its character spans to
:meth:`bnentity.Resolver.link` (see ``docs/integrations.md``).
"""
