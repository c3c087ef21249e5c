"""The similarity package: see its modules."""
