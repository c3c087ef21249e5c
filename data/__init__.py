"""Bundled data: the treaty corpus, the rule library and the JSON Schema."""
