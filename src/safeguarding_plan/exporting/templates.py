"""A house template read for an exporter, the board paper's or a plugin's: bounded, checked
and cleaned before its format's library opens it.

A template is the user's file and may be anything: larger than any template, a zip bomb, XML
that declares entities, a package that links outside itself or carries macros. `HouseTemplate`
reads it once, within the package limits (``office.packages``), drops what reaches outside it
or runs code (``office.cleaning``), tells what went in one `ExportNote`, and refuses anything
else in one line, an `ExporterError` naming the file.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Callable
from typing import IO, TypeVar

import attrs

from safeguarding_plan.exporting.exporter import ExporterError, ExportNote
from safeguarding_plan.values import Value

Template = str | os.PathLike[str] | IO[bytes]
"""A template as a ``File()`` option gives it: a path, or a binary file open to read."""
T = TypeVar("T")


@attrs.frozen(repr=False, eq=False)
class HouseTemplate(Value):
    """A kind of house template, as its messages name it.

    ``document`` is what it is, ``"a PowerPoint presentation"`` ("… never needs one"), and
    ``suffixes`` its file name endings, ``(".pptx", ".potx")``."""

    document: str
    suffixes: tuple[str, ...]

    def open(self, template: Template, reader: Callable[[IO[bytes]], T]) -> T:
        """The template, checked and cleaned, opened by its format's library: ``reader`` (such
        as ``pptx.Presentation``) is given it as a document, not a template, in a binary
        stream, and what it returns is returned.

        The template is read once, never more than the largest package (a device or a pipe is
        refused unread); its size, parts and XML are kept within the package limits, with no
        document type or entity declared; every external relationship is dropped with what
        refers to it, and every macro project and ActiveX control. What was dropped is told in
        an `ExportNote` (``template deck.potx: dropped 2 external links (image, hyperlink) and
        a macro project``). Anything wrong, whatever ``reader`` raises too, is an
        `ExporterError` in one line naming the file: ``template deck.key: not a PowerPoint
        presentation or template (.pptx, .potx): …``."""
        # Here, not above: an exporter that declares a template option is registered by every
        # command that exports, and lxml and the package checks are needed only to read one.
        from lxml import etree  # type: ignore[import-untyped]

        from safeguarding_plan.office import cleaning, packages

        name = source(template)
        kind = packages.Kind("house template", self.document)
        try:
            if isinstance(template, str | os.PathLike):
                with packages.open_file(template, kind) as stream:
                    data = packages.read_file(stream, kind)
            else:
                data = packages.read_file(template, kind)
            types = packages.check(io.BytesIO(data), kind)
            cleaned = cleaning.clean(data, types)
            opened = reader(io.BytesIO(cleaned.data))
        except OSError as err:
            raise ExporterError(f"template {name}: cannot read it: {err.strerror or err}") from None
        except packages.PackageError as err:
            raise ExporterError(f"template {name}: {err}") from None
        except etree.XMLSyntaxError as err:  # lxml's words, without its advice to programmers
            reason = str(err.msg or err).split(", try XML_PARSE_HUGE")[0]
            raise ExporterError(f"template {name}: a part of it cannot be read: {reason}") from None
        except Exception as err:  # the user's file: whatever is wrong with it, say so in one line
            suffixes = ", ".join(self.suffixes)
            not_one = f"not {self.document} or template ({suffixes}): {err}"
            raise self.refused(template, not_one) from None
        note = cleaned.note()
        if note is not None:
            warnings.warn(f"template {name}: {note}", ExportNote, stacklevel=2)
        return opened

    def refused(self, template: Template, reason: str) -> ExporterError:
        """The error refusing ``template`` for ``reason``, naming it as every message about
        it does: ``template deck.pptx: has no slide layout …``."""
        return ExporterError(f"template {source(template)}: {reason}")


def source(template: Template) -> str:
    """The template as messages name it: its path, or the name of the file given."""
    if isinstance(template, str | os.PathLike):
        return os.fspath(template)
    return str(getattr(template, "name", "(stream)"))
