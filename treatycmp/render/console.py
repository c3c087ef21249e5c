"""What every terminal renderer builds with rich: treaty text as data.

``escape.visible`` is the policy; this is where it meets rich, so that the ground layer
never imports rich.
"""

from __future__ import annotations

from rich.text import Text

from treatycmp.escape import visible


def data_text(text: str, style: str = "") -> Text:
    """A rich ``Text`` holding treaty text as data: control characters spelled out."""
    return Text(visible(text), style=style)
