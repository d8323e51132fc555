from matching.core.skills.normalise import normalise_term, normalise_text


def test_normalise_term_folds_case_accents_and_punctuation() -> None:
    assert normalise_term("B-Tech") == "b tech"
    assert normalise_term("  Amazon  Web Services (AWS) ") == "amazon web services aws"
    assert normalise_term("Gestión de Projét") == "gestion de projet"
    assert normalise_term("Node.js") == "node.js"


def test_normalise_term_keeps_programming_punctuation() -> None:
    assert normalise_term("C++") == "c++"
    assert normalise_term("C#") == "c#"
    assert normalise_term(".NET") == ".net"
    assert normalise_term("Ph.D.") == "ph.d"


def test_normalise_term_keeps_case_on_request() -> None:
    assert normalise_term("R", keep_case=True) == "R"
    assert normalise_term("Go-lang", keep_case=True) == "Go lang"


def test_normalise_text_collapses_spaces_and_maps_offsets_back() -> None:
    text = "Hé,  Ça   va? React.js\n\n  AWS"
    folded = normalise_text(text)

    assert folded.lowered == "he ca va react.js aws"
    assert folded.cased == "He Ca va React.js AWS"
    start = folded.lowered.index("react.js")
    end = start + len("react.js")
    assert text[folded.to_original(start) : folded.to_original(end - 1) + 1] == "React.js"
    aws = folded.lowered.index("aws")
    assert text[folded.to_original(aws) : folded.to_original(aws + 2) + 1] == "AWS"
