"""The rules package: ``load`` (the rules in force), ``match`` (findings in a text),
``findings`` (what matching found), ``compare`` (how two clauses' findings differ).

The rules themselves are ``treatycmp.rule_model``; their file is read by
``treatycmp.formats.rules_file``.
"""
