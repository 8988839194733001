"""A small, strict element tree over :mod:`html.parser`, for asserting on the page's structure.

Strict on purpose: an end tag that does not close the open element, or an element left open,
is an error, so a test sees the structure the exporter meant to write.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# Elements whose end tag HTML lets a document leave out (Chromium's --dump-dom never does, but
# be lenient with them, as a browser is).
_OPTIONAL_END = frozenset({"p", "li", "tr", "td", "th", "thead", "tbody"})


class Element:
    """An element: its tag, attributes and children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [
            e
            for e in self.iter()
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls)
        if not found:
            raise AssertionError(f"no <{tag or '*'}{f' class={cls}' if cls else ''}> in {self}")
        return found[0]

    def elements(self) -> list[Element]:
        """The child elements."""
        return [c for c in self.children if isinstance(c, Element)]

    @property
    def text(self) -> str:
        """The text inside, as a reader sees it: ``<br>`` is a line break."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag == "br":
                parts.append("\n")
            else:
                parts.append(child.text)
        return "".join(parts)


class _Builder(HTMLParser):
    def __init__(self, *, strict: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.strict = strict
        self.root = Element("#document", {}, None)
        self.current = self.root
        self.doctype: str | None = None
        self.comments: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            raise AssertionError(f"<{tag}> repeats an attribute: {names}")
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.strict:
            while self.current.tag != tag and self.current.tag in _OPTIONAL_END:
                assert self.current.parent is not None
                self.current = self.current.parent
        if self.current.tag != tag:
            raise AssertionError(f"</{tag}> closes <{self.current.tag}>")
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


class Document:
    """A parsed page."""

    def __init__(self, root: Element, doctype: str | None, comments: list[str]) -> None:
        self.root = root
        self.doctype = doctype
        self.comments = comments

    @property
    def html(self) -> Element:
        return self.root.find("html")

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return self.root.find_all(tag, cls)

    def find(self, tag: str | None = None, cls: str | None = None) -> Element:
        return self.root.find(tag, cls)


def parse(source: str, *, strict: bool = True) -> Document:
    """Parse ``source``; with ``strict``, every non-void element must be closed explicitly."""
    builder = _Builder(strict=strict)
    builder.feed(source)
    builder.close()
    if builder.current is not builder.root:
        raise AssertionError(f"<{builder.current.tag}> is never closed")
    return Document(builder.root, builder.doctype, builder.comments)


def table_parts(table: Element) -> tuple[Element, list[Element], list[Element]]:
    """A table's caption, header cells and body rows."""
    caption = table.find("caption")
    head = table.find("thead").find_all("th")
    rows = [r for body in table.find_all("tbody") for r in body.elements() if r.tag == "tr"]
    return caption, head, rows
