"""Exports of the knowledge graph: GraphML and GEXF for network tools, written atomically."""
