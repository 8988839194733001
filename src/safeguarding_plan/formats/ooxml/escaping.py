"""Text made safe to write into a part's XML: as an element's text, or as an attribute's value.

Not ``xml.sax.saxutils``: importing it loads ``urllib.request``, ``http.client`` and ``ssl``,
several milliseconds of every command that writes a document, for three replacements.
"""

from __future__ import annotations


def text(value: str) -> str:
    """``value`` as an element's text: ``&``, ``<`` and ``>`` escaped."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(value: str) -> str:
    """``value`` as an attribute's value, quotes included: also ``"`` escaped, and the white
    space a parser would otherwise turn into spaces kept as character references."""
    escaped = text(value).replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'
