"""diplomatic-kg: news articles -> a knowledge graph of diplomatic contacts."""

__version__ = "0.1.0"
