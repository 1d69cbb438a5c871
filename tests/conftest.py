from __future__ import annotations

import pytest
from paths import MINI

import bnentity
from bnentity.matching.resolver import Resolver


@pytest.fixture(scope="session")
def mini() -> Resolver:
    """A small hand-made gazetteer with the mission's examples and their look-alikes."""
    return bnentity.load(MINI)


@pytest.fixture(scope="session")
def bundled() -> Resolver:
    return bnentity.bundled()
