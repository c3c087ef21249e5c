"""``diff`` and ``report``: the command whose renderers are big enough for a module per
format, all over one ``DiffView`` (``view``, ``runs``, ``summary``)."""
