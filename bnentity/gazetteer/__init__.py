"""The gazetteer model: data classes, loading and validation. Knows nothing of matching."""

from bnentity.gazetteer.bundled import bundled_path
from bnentity.gazetteer.load import load_gazetteer
from bnentity.gazetteer.model import ENTITY_TYPES, Entity, Gazetteer, SourceLocation

__all__ = ["ENTITY_TYPES", "Entity", "Gazetteer", "SourceLocation", "bundled_path",
           "load_gazetteer"]
