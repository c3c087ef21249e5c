"""What every terminal renderer builds with rich: treaty text as data.

``escape.visible`` is the policy; this is where it meets rich, so that the ground layer
never imports rich. rich is imported on first use: machine-readable outputs (a stored
index's ``nearest -f json``) import this module's users without drawing anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treatycmp.escape import visible

if TYPE_CHECKING:
    from rich.text import Text


def data_text(text: str, style: str = "") -> Text:
    """A rich ``Text`` holding treaty text as data: control characters spelled out."""
    from rich.text import Text

    return Text(visible(text), style=style)
