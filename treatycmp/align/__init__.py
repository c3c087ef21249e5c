"""The align package: see its modules."""
