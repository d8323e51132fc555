"""Text from each accepted format, the type always taken from the content."""

from __future__ import annotations

import io

from candidates.extraction import ContentType, extract_text
from tests.candidates.extraction.cv_files import build_docx, build_odt, build_pdf


def test_text_pdf_gives_its_text_and_page_count() -> None:
    document = extract_text(build_pdf([["Jane Doe", "Python (Django)"], ["Page two"]]))
    assert document.text == "Jane Doe\nPython (Django)\n\nPage two"
    assert document.content_type is ContentType.PDF
    assert document.page_count == 2


def test_docx_gives_paragraphs_then_table_rows() -> None:
    docx = build_docx(["Jane Doe", "Skills"], table=[["Python", "Django"], ["SQL", "Celery"]])
    document = extract_text(docx)
    assert document.text == "Jane Doe\nSkills\nPython\tDjango\nSQL\tCelery"
    assert document.content_type is ContentType.DOCX
    assert document.page_count is None
    assert document.backend == "docx"


def test_type_comes_from_content_not_name() -> None:
    document = extract_text(build_docx(["Jane Doe"]), filename="cv.pdf")
    assert document.content_type is ContentType.DOCX
    assert document.text == "Jane Doe"


def test_odt_gives_its_paragraphs() -> None:
    document = extract_text(build_odt(["Marie Curie", "Compétences"]))
    assert document.text == "Marie Curie\nCompétences"
    assert document.content_type is ContentType.ODT


def test_rtf_gives_body_text_without_font_table() -> None:
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\*\generator Writer;}\f0 Ren\'e9 Dupont\par "
        rb"Skills: Python\tab SQL\par caf\u233?\par}"
    )
    document = extract_text(rtf)
    assert document.text == "René Dupont\nSkills: Python\tSQL\ncafé"
    assert document.content_type is ContentType.RTF


def test_utf8_text_with_bom() -> None:
    document = extract_text("\ufeffRésumé\r\nJane".encode())
    assert document.text == "Résumé\nJane"
    assert document.content_type is ContentType.TXT


def test_utf16_text_with_bom() -> None:
    document = extract_text("Expérience\nDéveloppeuse".encode("utf-16"))
    assert document.text == "Expérience\nDéveloppeuse"


def test_windows_1252_text_falls_back_from_utf8() -> None:
    document = extract_text("Compétences – Python".encode("cp1252"))
    assert document.text == "Compétences – Python"


def test_latin1_text_decodes_when_cp1252_cannot() -> None:
    document = extract_text(b"caf\xe9 \x81")
    assert document.text == "café \x81"


def test_docx_text_box_is_read_once() -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Jane Doe")
    box = (
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r>'
        "<mc:AlternateContent>"
        "<mc:Choice><w:txbxContent><w:p><w:r><w:t>Python, SQL</w:t></w:r></w:p></w:txbxContent>"
        "</mc:Choice>"
        "<mc:Fallback><w:txbxContent><w:p><w:r><w:t>Python, SQL</w:t></w:r></w:p></w:txbxContent>"
        "</mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    document.element.body.insert(0, parse_xml(box))
    out = io.BytesIO()
    document.save(out)
    assert extract_text(out.getvalue()).text == "Jane Doe\nPython, SQL"
