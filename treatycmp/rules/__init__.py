"""The rules package: see its modules."""
