"""treatycmp: compare treaties clause by clause."""
