"""ODT inline markup becomes the text a reader sees: counted spaces (capped), tabs, line breaks,
nested spans; comments and processing instructions add nothing (mutmut survivors, issue #26)."""

from candidates.extraction import ContentType, extract_text
from tests.candidates.extraction.cv_files import build_odt


def test_odt_inline_markup_becomes_spaces_tabs_and_lines() -> None:
    odt = build_odt(
        [
            'Jane<text:s text:c="3"/>Doe',
            "Skills:<text:tab/>Python<text:line-break/>SQL",
            "<text:span>Nested <text:span>span</text:span> text</text:span> tail",
            "A<text:s/>B",
            'C<text:s text:c="x"/>D',
            'E<text:s text:c="500"/>F',
            "<!-- note -->kept<?pi x?> too",
        ]
    )

    extracted = extract_text(odt)

    assert extracted.content_type is ContentType.ODT
    assert extracted.text.split("\n") == [
        "Jane   Doe",
        "Skills:\tPython",
        "SQL",
        "Nested span text tail",
        "A B",
        "C D",
        "E" + " " * 16 + "F",
        "kept too",
    ]
