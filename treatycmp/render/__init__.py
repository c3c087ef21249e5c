"""Renderers: every output of every command, split by command.

Why by command, not by format: a command's formats share what they show (``diff``'s
``DiffView``, ``profile``'s cells, ``lineup``'s row cells), so keeping them together
is what keeps two formats of one result from disagreeing; what formats share across
commands is small and lives in its own modules: ``tables`` (JSON documents, NDJSON,
CSV and TSV from one ``Table``), ``console`` (the one rich ``Console`` and treaty text
as rich ``Text``), ``wrap`` (line breaking of CJK text). A command whose renderers
outgrow one module becomes a package split by format inside (``diff/``).

``outputs.OUTPUTS`` is the one registry the CLI reads: command -> format -> renderer.
Recipes:

- a new output format for a command: its renderer in the command's module, one entry
  in ``OUTPUTS`` (two files);
- a new format for every command: a writer in ``tables`` over what each command already
  gives (its ``Table``, or its JSON document), then one line per command in
  ``OUTPUTS`` (two files); for the commands with rows, a line in
  ``tables.table_formats`` does it alone (one file), as for ``csv`` and ``tsv``;
- a new command: its module here and its entry in ``OUTPUTS``.
"""
