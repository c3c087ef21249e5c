"""A treaty whose text looks like markup in every output format (it must print literally)."""

from __future__ import annotations

from _treaties import make_treaty

from treatycmp.analysis import Comparison, compare

MARKUP = "[bold]shall[/] and [red]help[/red]"
ANSI = "\x1b[31mred\x1b[0m"
TABLE = "| a | b |\n|---|---|"
MD = "*star* ~~gone~~ _under_ `tick` [link](http://x)"
HTML = "<script>alert(1)</script> &amp; <b>bold</b>"

OLD = f"Each Party {MARKUP} the other {ANSI} at once {MD}."
NEW = f"Each Party {MARKUP} the other {ANSI} without delay {HTML} {TABLE.replace(chr(10), ' ')}."


def hostile_comparison() -> Comparison:
    """Old and new texts with rich markup, ANSI escapes, markdown and HTML in both."""
    left = make_treaty("hostile-old", [[OLD], ["Article two [i]stays[/i] the same."]])
    right = make_treaty("hostile-new", [[NEW], ["Article two [i]stays[/i] the same."]])
    return compare(left, right)
