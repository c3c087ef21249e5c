"""``python -m treatycmp``: the same as the ``treatycmp`` command."""

from treatycmp.cli import main

raise SystemExit(main())
