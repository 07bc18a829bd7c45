import pytest

from references.importers.keys import ascii_fold, generated_key, key_from_file, unique_keys


@pytest.mark.parametrize(
    ("authors", "year", "title", "expected"),
    [
        (["Chou, Roger"], 2007, "Diagnosis and treatment of low back pain", "chou2007diagnosis"),
        (["Østergaard, Lars"], 2021, "The effect of rest", "ostergaard2021effect"),
        (["Łukaszewicz, Anna"], 2020, "Ökologie", "lukaszewicz2020okologie"),
        (["van der Berg, Jan-Willem"], 2019, "A study", "vanderberg2019study"),
        (["World Health Organization"], None, "Low back pain", "worldlow"),
        ([], 2016, "What is sciatica?", "2016sciatica"),
        ([], None, "", "ref"),
    ],
)
def test_generated_key(authors, year, title, expected):
    """First author's family name, year and first significant title word, ASCII and lower case."""
    assert generated_key(authors=authors, year=year, title=title) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("chou_diagnosis_2007", "chou_diagnosis_2007"),
        ("mullerGradedActivityUsual2021", "mullergradedactivityusual2021"),
        ("Chou:2007", "chou-2007"),
        ("Müller 2021!", "muller-2021"),
        ("12", ""),
        ("http://zotero.org/users/local/x/items/ABC", ""),
        ("", ""),
        ("::", ""),
    ],
)
def test_key_from_file(raw, expected):
    """A file's key is kept (in lower case) when usable, cleaned when close, dropped when a number or a link."""
    assert key_from_file(raw) == expected


def test_unique_keys_against_library_and_file():
    """Clashes with the library (in any case) and earlier entries get suffixes a, b, …"""
    assert unique_keys(["smith2020", "smith2020", "Jones2019", "new"], taken=["SMITH2020", "jones2019"]) == [
        "smith2020a",
        "smith2020b",
        "Jones2019a",
        "new",
    ]


def test_unique_keys_run_past_z():
    """After z come two-letter suffixes."""
    keys = unique_keys(["k"] * 28, taken=[])
    assert keys[:3] == ["k", "ka", "kb"]
    assert keys[26:] == ["kz", "kaa"]


def test_ascii_fold():
    """Letters without a decomposition fold too."""
    assert ascii_fold("Østergaard Łukasz Straße Æsir Müller Ñúñez") == "Ostergaard Lukasz Strasse AEsir Muller Nunez"
