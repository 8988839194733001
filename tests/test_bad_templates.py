"""The corpus of hostile house templates for the board paper.

Each is made at test time (``hostile.Template``: python-docx's own document with a header,
a logo and a footer, then changed part by part), so no binary file is kept here. A template
beyond a limit, or declaring entities, is refused through the command line with exactly its
line and exit code 2, and no paper is written. A template that links outside itself or carries
macros is cleaned: the paper is written, one note says what was dropped, and the paper is read
back as a zip to hold that it has no external relationship but the links the plan's own text
makes, no macro part or macro content type and no reference to a relationship it lacks, and
that it opens and keeps the template's header, footer and styles.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import hostile
import pytest
from conftest import BIRMINGHAM
from docx.shared import RGBColor
from hostile import (
    EXTERNAL_TYPES,
    HOUSE_FOOTER,
    HOUSE_HEADER,
    OLE,
    REL,
    Template,
    deflated,
    paragraph,
    picture,
    spaces,
    zip_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.office import cleaning as wordclean
from safeguarding_plan.office.packages import TEMPLATE, check

PURPLE = RGBColor(0x70, 0x30, 0xA0)
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
REFERENCES = (f"{{{REL}}}", "{http://purl.oclc.org/ooxml/officeDocument/relationships}")
OWN_LINKS = re.findall(r"\]\((https?://[^)\s]+)\)", BIRMINGHAM.read_text(encoding="utf-8"))
"""The links Birmingham's own narrative makes: the paper's only external relationships."""
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
NEVER_LARGE = "a house template is never that large"
NEVER_MANY = "a house template never has that many"


def purple_headings(template: Template) -> None:
    """The template's own Heading 1 colour, so that a test can see its styles are kept."""
    styles = template.parts["word/styles.xml"].decode()
    heading = styles.index('w:styleId="Heading1"')
    colour = styles.index("<w:color ", heading)
    end = styles.index("/>", colour)
    styles = f'{styles[:colour]}<w:color w:val="7030A0"{styles[end:]}'
    template.parts["word/styles.xml"] = styles.encode()


def template_file(folder: Path, template: Template, name: str = "house.docx") -> Path:
    path = folder / name
    path.write_bytes(template.data())
    return path


def export(
    folder: Path, template: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str], Path]:
    """Export the Birmingham paper from ``template`` through the command line."""
    plan = folder / "plan.yaml"
    shutil.copy(BIRMINGHAM, plan)
    paper = folder / "paper.docx"
    code = main(
        ["export", str(plan), "-f", "docx", "--no-plugins", "--template", str(template),
         "-o", str(paper)]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    return code, err.splitlines(), paper


# -- refused ---------------------------------------------------------------------------------


def entity_in_the_header(template: Template) -> bytes:
    header = template.parts["word/header1.xml"].decode()
    declaration, rest = header.split("\n", 1)
    rest = rest.replace(HOUSE_HEADER, f"&e;{HOUSE_HEADER}")
    template.parts["word/header1.xml"] = (
        f'{declaration}\n<!DOCTYPE w:hdr [<!ENTITY e "Entity: ">]>{rest}'.encode()
    )
    return template.data()


def document_type_after_a_long_comment(template: Template) -> bytes:
    styles = template.parts["word/styles.xml"].decode()
    declaration, rest = styles.split("\n", 1)
    template.parts["word/styles.xml"] = (
        f"{declaration}\n{hostile.LONG_COMMENT}<!DOCTYPE w:styles>{rest}".encode()
    )
    return template.data()


def document_unpacking_to_a_gigabyte(template: Template) -> bytes:
    head, tail = template.parts["word/document.xml"].split(b"<w:body>")
    return zip_of(
        spaces(name, head + b"<w:body>", 1024, tail)
        if name == "word/document.xml"
        else deflated(name, data)
        for name, data in template.parts.items()
    )


def thousand_parts(template: Template) -> bytes:
    for n in range(1001):
        template.parts[f"customXml/extra{n}.xml"] = b"<a/>"
    return template.data()


def two_hundred_thousand_styles(template: Template) -> bytes:
    template.insert("word/styles.xml", "</w:styles>", "<w:style/>" * 200_001)
    return template.data()


def header_not_well_formed(template: Template) -> bytes:
    template.insert("word/header1.xml", "</w:hdr>", "<w:p>")
    return template.data()


REFUSED: dict[str, tuple[Callable[[Template], bytes], str]] = {
    "entity_in_the_header": (
        entity_in_the_header,
        "it declares XML entities, which are refused (a Word document never needs them)",
    ),
    "document_type_after_a_long_comment": (
        document_type_after_a_long_comment,
        "its part 'word/styles.xml' declares an XML document type, which is refused (a Word "
        "document never needs one)",
    ),
    "document_unpacking_to_a_gigabyte": (
        document_unpacking_to_a_gigabyte,
        f"word/document.xml unpacks to more than 64 MB; {NEVER_LARGE}",
    ),
    "more_than_a_thousand_parts": (
        thousand_parts,
        f"it has more than 1,000 parts; {NEVER_MANY}",
    ),
    "two_hundred_thousand_styles": (
        two_hundred_thousand_styles,
        f"word/styles.xml has more than 200,000 XML elements; {NEVER_MANY}",
    ),
    "header_not_well_formed": (
        header_not_well_formed,
        "its part 'word/header1.xml' is not well-formed XML (mismatched tag, line 2, column "
        "{column}); it is damaged or was not written by Office",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_template_is_refused_in_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, message = REFUSED[name]
    path = tmp_path / "house.docx"
    path.write_bytes(make(Template()))
    code, err, paper = export(tmp_path, path, capsys)
    assert code == 2
    assert len(err) == 1
    expected = f"safeguarding-plan: template {path}: {message}"
    if "{column}" in message:  # where expat stops depends on python-docx's header
        pattern = re.escape(expected).replace(re.escape("{column}"), r"\d+")
        assert re.fullmatch(pattern, err[0]), err[0]
    else:
        assert err == [expected]
    assert not paper.exists()


def test_a_file_larger_than_any_package_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    with big.open("wb") as stream:  # sparse: nothing is written but the last byte
        stream.seek(256 * 1024 * 1024)
        stream.write(b"\0")
    with pytest.raises(sp.ExporterError) as caught:
        sp.export(sp.load(BIRMINGHAM), "docx", io.BytesIO(), options={"template": big})
    assert str(caught.value) == (
        f"template {big}: the file is larger than 256 MB; a house template is never that large"
    )
    with pytest.raises(sp.PlanError) as refused:
        sp.import_xlsx(sp.load(BIRMINGHAM), big, "2022-05", sp.load(BIRMINGHAM).reviews[0].as_of)
    assert (
        str(refused.value)
        == f"{big}: the file is larger than 256 MB; a tracker is never that large"
    )


# -- cleaned ---------------------------------------------------------------------------------


def external(kind: str) -> str:
    return EXTERNAL_TYPES[kind]


def header_images(template: Template) -> None:
    hostile.external_header_image(template)
    hostile.external_header_image(template, "file://server/share/logo.png")


def embedded_image(template: Template) -> str:
    """The id of the header's own logo, which python-docx embedded."""
    rels = etree.fromstring(template.parts["word/_rels/header1.xml.rels"])
    return next(r.get("Id") for r in rels if r.get("Type").endswith("/image"))


def linked_and_embedded(template: Template) -> None:
    linked = template.relate("word/header1.xml", external("image"), "https://evil.example/a.png")
    blip = f'r:embed="{embedded_image(template)}" r:link="{linked}"'
    template.insert("word/header1.xml", "</w:hdr>", paragraph(picture(blip)))


def footer_hyperlink(template: Template) -> None:
    rel_id = template.relate("word/footer1.xml", external("hyperlink"), "https://evil.example")
    link = f'<w:hyperlink r:id="{rel_id}"><w:r><w:t>Report a concern</w:t></w:r></w:hyperlink>'
    template.insert("word/footer1.xml", "</w:ftr>", f"<w:p>{link}</w:p>")


def picture_with_a_click_link(template: Template) -> None:
    """The header's logo opens a web page when clicked."""
    rel_id = template.relate("word/header1.xml", external("hyperlink"), "https://evil.example")
    header = etree.fromstring(template.parts["word/header1.xml"])
    properties = next(header.iter(f"{{{WP}}}docPr"))
    etree.SubElement(properties, f"{{{A}}}hlinkClick", {f"{{{REL}}}id": rel_id})
    template.parts["word/header1.xml"] = etree.tostring(header, xml_declaration=True)


def ole_object(template: Template) -> None:
    rel_id = template.relate("word/header1.xml", external("oleObject"), "file:///c:/x/book.xlsx")
    run = (
        '<w:r><w:object><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="s1" '
        f'DrawAspect="Content" r:id="{rel_id}" UpdateMode="Always"/></w:object></w:r>'
    )
    template.insert("word/header1.xml", "</w:hdr>", paragraph(run))


def frame(template: Template) -> None:
    rel_id = template.relate("word/webSettings.xml", external("frame"), "https://evil.example/f")
    frameset = (
        '<w:frameset><w:frame><w:name w:val="f"/>'
        f'<w:sourceFileName r:id="{rel_id}"/></w:frame></w:frameset>'
    )
    template.insert("word/webSettings.xml", "</w:webSettings>", frameset)


def subdocument(template: Template) -> None:
    rel_id = template.relate("word/document.xml", external("subDocument"), "file:///c:/s.docx")
    template.insert("word/document.xml", "<w:sectPr", f'<w:p><w:subDoc r:id="{rel_id}"/></w:p>')


def imported_file(template: Template) -> None:
    rel_id = template.relate("word/document.xml", external("aFChunk"), "https://evil.example/c")
    template.insert("word/document.xml", "<w:sectPr", f'<w:altChunk r:id="{rel_id}"/>')


def mail_merge(template: Template) -> None:
    rel_id = template.relate(
        "word/settings.xml", external("mailMergeSource"), "file:///c:/data/children.xlsx"
    )
    merge = (
        '<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:dataType w:val="native"/>'
        '<w:query w:val="SELECT * FROM `children`"/>'
        f'<w:dataSource r:id="{rel_id}"/></w:mailMerge>'
    )
    template.insert("word/settings.xml", "<w:defaultTabStop", merge)


def picture_bullet(template: Template) -> None:
    rel_id = template.relate("word/numbering.xml", external("image"), "https://evil.example/b")
    bullet = (
        '<w:numPicBullet w:numPicBulletId="9"><w:pict><v:shape id="b9" style="width:9pt">'
        f'<v:imagedata r:id="{rel_id}" o:title=""/></v:shape></w:pict></w:numPicBullet>'
    )
    numbering = template.parts["word/numbering.xml"].decode()
    start = numbering.index(">", numbering.index("<w:numbering")) + 1
    numbering = numbering[:start] + bullet + numbering[start:]
    if "xmlns:v=" not in numbering[:start]:
        numbering = numbering.replace(
            "<w:numbering ",
            '<w:numbering xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" ',
            1,
        )
    template.parts["word/numbering.xml"] = numbering.encode()


def package_link(template: Template) -> None:
    template.relate("", external("unknown"), "https://evil.example/p")


def macro_project(template: Template) -> None:
    hostile.macro_project(template)


def macro_project_named_as_a_picture(template: Template) -> None:
    hostile.macro_project(template, "word/media/image9.png", typed=False)


def main_type(content_type: str) -> Callable[[Template], None]:
    def make(template: Template) -> None:
        types = template.parts["[Content_Types].xml"].decode()
        document = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        )
        template.parts["[Content_Types].xml"] = types.replace(document, content_type).encode()
        hostile.macro_project(template)

    return make


def activex_control(template: Template) -> None:
    rel_id = template.relate(
        "word/header1.xml", f"{REL}/control", "activeX/activeX1.xml", external=False
    )
    run = f'<w:r><w:object><w:control r:id="{rel_id}" w:name="Button1"/></w:object></w:r>'
    template.insert("word/header1.xml", "</w:hdr>", paragraph(run))
    template.add(
        "word/activeX/activeX1.xml",
        b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'ax:classid="{D7053240-CE69-11CD-A777-00DD01143C57}"/>',
        "application/vnd.ms-office.activeX+xml",
    )
    template.relate(
        "word/activeX/activeX1.xml",
        "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary",
        "activeX1.bin",
        external=False,
    )
    template.add("word/activeX/activeX1.bin", OLE + bytes(512), "application/vnd.ms-office.activeX")


def embedded_workbook_with_macros(template: Template) -> None:
    rel_id = template.relate(
        "word/header1.xml", f"{REL}/package", "embeddings/Book1.xlsm", external=False
    )
    run = (
        '<w:r><w:object><o:OLEObject Type="Embed" ProgID="Excel.SheetMacroEnabled.12" '
        f'ShapeID="s2" DrawAspect="Icon" r:id="{rel_id}"/></w:object></w:r>'
    )
    template.insert("word/header1.xml", "</w:hdr>", paragraph(run))
    template.add(
        "word/embeddings/Book1.xlsm",
        b"PK\x05\x06" + bytes(18),
        "application/vnd.ms-excel.sheet.macroEnabled.12",
    )


def the_brief(template: Template) -> None:
    """A remote attached template, two external header pictures and a hidden macro project."""
    hostile.remote_attached_template(template)
    header_images(template)
    macro_project_named_as_a_picture(template)


CLEANED: dict[str, tuple[Callable[[Template], None], str]] = {
    "remote_attached_template": (
        hostile.remote_attached_template,
        "dropped an external link (attached template)",
    ),
    "external_header_images": (header_images, "dropped 2 external links (2 header images)"),
    "linked_and_embedded_picture": (
        linked_and_embedded,
        "dropped an external link (header image)",
    ),
    "footer_hyperlink": (footer_hyperlink, "dropped an external link (footer hyperlink)"),
    "picture_with_a_click_link": (
        picture_with_a_click_link,
        "dropped an external link (header hyperlink)",
    ),
    "linked_ole_object": (ole_object, "dropped an external link (OLE object)"),
    "frame": (frame, "dropped an external link (frame)"),
    "subdocument": (subdocument, "dropped an external link (subdocument)"),
    "imported_file": (imported_file, "dropped an external link (imported file)"),
    "mail_merge_source": (mail_merge, "dropped an external link (mail merge source)"),
    "picture_bullet": (picture_bullet, "dropped an external link (image)"),
    "package_link": (package_link, "dropped an external link (link)"),
    "macro_project": (macro_project, "dropped a macro project"),
    "macro_project_named_as_a_picture": (
        macro_project_named_as_a_picture,
        "dropped a macro project",
    ),
    "macro_enabled_document": (
        main_type("application/vnd.ms-word.document.macroEnabled.main+xml"),
        "dropped a macro project",
    ),
    "macro_enabled_template": (
        main_type("application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
        "dropped a macro project",
    ),
    "activex_control": (activex_control, "dropped an ActiveX control"),
    "embedded_workbook_with_macros": (
        embedded_workbook_with_macros,
        "dropped an embedded file with macros",
    ),
    "the_brief": (
        the_brief,
        "dropped 3 external links (attached template, 2 header images) and a macro project",
    ),
}


def assert_clean(paper: bytes) -> docx.document.Document:
    """The paper has no external relationship but the hyperlinks of the plan's own text, no
    macro part or type, no reference to a relationship it lacks, and opens with python-docx;
    it is returned opened."""
    with zipfile.ZipFile(io.BytesIO(paper)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    types = parts["[Content_Types].xml"].decode()
    assert not re.search("vbaProject|vbaData|macroEnabled|activeX", types, re.IGNORECASE)
    assert not [n for n in parts if re.search("vba|activex|\\.xlsm", n, re.IGNORECASE)]
    assert not [n for n, data in parts.items() if data.startswith(OLE)]
    external = []
    for name, data in parts.items():
        if name.endswith(".rels"):
            own = name == "word/_rels/document.xml.rels"
            assert own or b"TargetMode" not in data or b'TargetMode="External"' not in data, name
            for rel in etree.fromstring(data).iter(RELATIONSHIPS):
                if rel.get("TargetMode", "Internal") != "Internal":
                    assert own, (name, rel.attrib)
                    assert rel.get("Type") == HYPERLINK, (name, rel.attrib)
                    external.append(rel.get("Target"))
    assert sorted(external) == sorted(OWN_LINKS)
    for name, data in parts.items():
        if name.endswith(".xml") and data.lstrip().startswith(b"<"):
            folder, _, base = name.rpartition("/")
            rels = parts.get(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
            ids = (
                {r.get("Id") for r in etree.fromstring(rels).iter(RELATIONSHIPS)} if rels else set()
            )
            for element in etree.fromstring(data).iter():
                for attribute, value in element.attrib.items():
                    if attribute.startswith(REFERENCES):
                        assert value in ids, (name, element.tag, attribute, value)
    return docx.Document(io.BytesIO(paper))


def assert_kept(document: docx.document.Document) -> None:
    section = document.sections[0]
    assert section.header.paragraphs[0].text == HOUSE_HEADER
    assert HOUSE_FOOTER in [p.text for p in section.footer.paragraphs]
    assert document.styles["Heading 1"].font.color.rgb == PURPLE
    logos = list(section.header._element.iter(f"{{{A}}}blip"))
    assert logos, "the template's own logo is kept"
    assert "TEMPLATE BODY TEXT" not in "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("name", sorted(CLEANED))
def test_a_template_is_cleaned_and_the_paper_says_what_went(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, note = CLEANED[name]
    template = Template()
    purple_headings(template)
    make(template)
    path = template_file(tmp_path, template)
    code, err, paper = export(tmp_path, path, capsys)
    assert code == 0, err
    assert err == [
        f"safeguarding-plan: note: template {path}: {note}",
        f"wrote {paper} (docx, board)",
    ]
    assert_kept(assert_clean(paper.read_bytes()))


def test_the_text_of_a_dropped_hyperlink_stays(tmp_path: Path) -> None:
    template = Template()
    footer_hyperlink(template)
    with pytest.warns(sp.ExportNote, match="footer hyperlink"):
        paper = _paper(template)
    footer = docx.Document(io.BytesIO(paper)).sections[0].footer
    assert "Report a concern" in [p.text for p in footer.paragraphs]


def test_a_picture_linked_and_embedded_keeps_its_embedded_copy(tmp_path: Path) -> None:
    template = Template()
    linked_and_embedded(template)
    with pytest.warns(sp.ExportNote):
        paper = _paper(template)
    header = docx.Document(io.BytesIO(paper)).sections[0].header
    blips = list(header._element.iter(f"{{{A}}}blip"))
    assert len(blips) == 2  # the logo, and the picture that was also linked
    assert all(b.get(f"{{{REL}}}embed") and not b.get(f"{{{REL}}}link") for b in blips)


def test_the_api_tells_what_was_dropped_as_an_export_note() -> None:
    template = Template()
    the_brief(template)
    with pytest.warns(sp.ExportNote) as caught:
        _paper(template)
    assert [str(w.message) for w in caught] == [
        "template house.docx: dropped 3 external links (attached template, 2 header images) "
        "and a macro project"
    ]


def test_a_template_with_nothing_to_drop_is_read_as_it_is() -> None:
    data = Template().data()
    assert wordclean.clean(data, check(io.BytesIO(data), TEMPLATE)).data is data


def _paper(template: Template) -> bytes:
    stream = io.BytesIO(template.data())
    stream.name = "house.docx"  # type: ignore[attr-defined]
    out = io.BytesIO()
    manager = sp.get_plugin_manager(autoload=False)
    sp.export(
        sp.load(BIRMINGHAM), "docx", out, plugin_manager=manager, options={"template": stream}
    )
    return out.getvalue()


# -- any external link, anywhere -------------------------------------------------------------

LINKS: dict[str, Callable[[Template], None]] = {
    "attached template": hostile.remote_attached_template,
    "header image": hostile.external_header_image,
    "footer hyperlink": footer_hyperlink,
    "header hyperlink": picture_with_a_click_link,
    "OLE object": ole_object,
    "frame": frame,
    "subdocument": subdocument,
    "imported file": imported_file,
    "mail merge source": mail_merge,
    "image": picture_bullet,
    "link": package_link,
}


def unreferenced_link(source: str) -> Callable[[Template], None]:
    """An external relationship nothing in ``source`` refers to."""

    def make(template: Template) -> None:
        template.relate(source, external("unknown"), "https://evil.example/u")

    return make


SOURCES = (
    "word/document.xml",
    "word/styles.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "word/settings.xml",
    "word/fontTable.xml",
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    links=st.lists(
        st.one_of(
            st.sampled_from(sorted(LINKS)).map(LINKS.__getitem__),
            st.sampled_from(SOURCES).map(unreferenced_link),
        ),
        min_size=1,
        max_size=6,
    ),
    macros=st.booleans(),
)
def test_no_external_link_in_any_part_reaches_the_paper(
    links: list[Callable[[Template], None]], macros: bool
) -> None:
    template = Template()
    purple_headings(template)
    for link in links:
        link(template)
    if macros:
        hostile.macro_project(template)
    with pytest.warns(sp.ExportNote) as caught:
        paper = _paper(template)
    note = str(caught[0].message)
    count = "an external link" if len(links) == 1 else f"{len(links)} external links"
    assert note.startswith(f"template house.docx: dropped {count} (")
    assert note.endswith(" and a macro project") == macros
    assert_kept(assert_clean(paper))


def test_a_part_too_big_for_the_xml_reader_is_one_line_without_programmers_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Within the size limits, but one run of text longer than lxml reads (10 MB)."""
    made = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("x")
    document.save(made)
    template = tmp_path / "house.docx"
    with (
        zipfile.ZipFile(made) as source,
        zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:t>x</w:t>", b"<w:t>" + b"a" * 11_000_000 + b"</w:t>")
            target.writestr(item, data)
    paper = tmp_path / "paper.docx"
    code = main(
        ["export", str(BIRMINGHAM), "-f", "docx", "--template", str(template), "-o", str(paper)]
    )
    assert code == 2
    assert capsys.readouterr().err == (
        f"safeguarding-plan: template {template}: a part of it cannot be read: Resource limit "
        "exceeded: Text node too long\n"
    )
    assert not paper.exists()
