"""The PDFs' embedded font: the family's own words come out as written, or visibly replaced."""

from __future__ import annotations

import io
import os
import unicodedata
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from config import TestConfig
from maatwerk import create_app
from maatwerk.core import pdf_fonts
from maatwerk.core.enums import Carrier, Domain
from maatwerk.core.pdf_fonts import REPLACEMENT, FontError, substitute
from maatwerk.goals.operations import add_action, add_goal
from tests.plans.test_pdf import Story, make_story, plan_pdf

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ARABIC = "محمد"  # Mohammed
NAMES = ("Oma Şükrü en buurman Łukasz", "Wiśniewski", "Ünal", "Nguyễn")


@pytest.fixture
def font_dir() -> Iterator[None]:
    """Restores the process's font choice after a test that changes it."""
    previous = pdf_fonts._configured
    yield
    pdf_fonts.configure(previous)


@pytest.fixture
def dejavu(font_dir) -> None:
    folder = next((d for d in pdf_fonts.SYSTEM_DIRECTORIES if pdf_fonts.find_family(d)), None)
    if folder is None:
        message = "DejaVu Sans is not installed (Debian: fonts-dejavu-core, `make fonts`)"
        if IN_CI:
            pytest.fail(message + " (CI=true: the DejaVu checks must run)")
        pytest.skip(message)
    pdf_fonts.configure(folder)
    assert pdf_fonts.fonts().family == "DejaVu Sans"


@pytest.fixture
def vera(font_dir) -> None:
    pdf_fonts.configure(str(pdf_fonts.BUNDLED_DIRECTORY))
    assert pdf_fonts.fonts().family == "Bitstream Vera Sans"


def family_words(story: Story) -> None:
    s = story.s
    goal = add_goal(
        s.plan,
        domain=Domain.SOCIAL,
        title=f"{NAMES[0]} helpen",
        why_it_matters=f"Mevrouw {NAMES[1]} en meneer {NAMES[2]} doen mee.",
        strengths=f"{ARABIC} kookt 😀 graag “samen”.",
        actor=s.family,
    )
    add_action(
        s.plan,
        description=f"Afspraak met {NAMES[3]}",
        carrier=Carrier.NETWORK,
        goals=[goal],
        actor=s.family,
    )


def read(data: bytes) -> tuple[str, set[str]]:
    """The PDF's words (NFKC: shaped Arabic comes back as presentation forms) and the base
    fonts its letters are drawn in."""
    reader = PdfReader(io.BytesIO(data))
    used: set[str] = set()
    words = []
    for page in reader.pages:
        names = {
            str(name): str(ref.get_object()["/BaseFont"])
            for name, ref in page["/Resources"]["/Font"].items()
        }

        current: list[str] = []

        def visit(op, args, cm, tm, names=names, current=current):
            # reportlab's page preamble sets Helvetica once without drawing a letter with it.
            if op == b"Tf":
                current[:] = [names[str(args[0])]]
            elif op in (b"Tj", b"TJ", b"'", b'"') and current:
                used.add(current[0])

        words.append(" ".join(page.extract_text(visitor_operand_before=visit).split()))
    return unicodedata.normalize("NFKC", " ".join(words)), used


def test_the_familys_names_are_printed_with_dejavu(db_session, dejavu):
    story = make_story()
    family_words(story)
    text, fonts = read(plan_pdf(story))
    for name in NAMES:
        assert name in text
    assert ARABIC in text  # shaped by HarfBuzz (joined, right to left), extracted in order
    assert "■" not in text and "\ufffd" not in text
    assert "😀" not in text and f"kookt {REPLACEMENT} graag" in text  # DejaVu has no emoji
    assert fonts and all(f.endswith(("+DejaVuSans", "+DejaVuSans-Bold")) for f in fonts), fonts


def test_what_vera_lacks_is_replaced_visibly(db_session, vera):
    story = make_story()
    family_words(story)
    text, fonts = read(plan_pdf(story))
    assert "Oma Şükrü en buurman Łukasz" in text and "Ünal" in text  # Vera has these
    assert "Wisniewski" in text and "Nguyen" in text  # the nearest letters it has
    assert f"{REPLACEMENT * 4} kookt {REPLACEMENT} graag “samen”" in text
    assert "■" not in text
    assert all("BitstreamVeraSans" in f for f in fonts), fonts


def test_substitute_picks_the_nearest_character_the_font_has():
    latin1 = frozenset(range(32, 127)) | frozenset(range(160, 256))
    assert substitute("ń", latin1) == "n" and substitute("ő", latin1) == "o"
    assert substitute("ñ", latin1) == "ñ"
    assert substitute("“", latin1) == '"' and substitute("—", latin1) == "-"
    assert substitute("ﬁ", latin1) == "fi"  # a ligature's letters
    assert substitute("\u2009", latin1) == " "  # a thin space is a space
    assert substitute("\u200d", latin1) == "" and substitute("\x07", latin1) == ""
    assert substitute("\ufe0f", latin1) == ""  # an emoji's variation selector
    assert substitute("😀", latin1) == REPLACEMENT and substitute("م", latin1) == REPLACEMENT
    # Never markup: a fullwidth "<" must not turn into a tag.
    assert substitute("\uff1c", latin1) == REPLACEMENT


def test_fit_keeps_ascii_and_what_the_font_has(vera):
    assert pdf_fonts.fit("Plain ASCII & <b>") == "Plain ASCII & <b>"
    assert pdf_fonts.fit("Łódź\tok\n") == "Łódz\tok\n"


def test_a_font_directory_without_fonts_is_refused(tmp_path, font_dir):
    with pytest.raises(FontError, match="MAATWERK_PDF_FONT_DIR"):
        pdf_fonts.configure(str(tmp_path))
    with pytest.raises(FontError):
        create_app(TestConfig, overrides={"PDF_FONT_DIR": str(tmp_path)})


def test_a_configured_directory_comes_first(tmp_path, font_dir):
    for name in ("Vera.ttf", "VeraBd.ttf"):  # no italics: they fall back to these
        (tmp_path / name).write_bytes((pdf_fonts.BUNDLED_DIRECTORY / name).read_bytes())
    pdf_fonts.configure(str(tmp_path))
    assert pdf_fonts.fonts().directory == tmp_path
    assert pdf_fonts.fonts().family == "Bitstream Vera Sans"


def test_the_report_styles_use_the_embedded_family():
    sheet = pdf_fonts.sample_styles()
    names = {style.fontName for style in sheet.byName.values() if hasattr(style, "fontName")}
    assert names <= {pdf_fonts.REGULAR, pdf_fonts.BOLD, pdf_fonts.ITALIC, pdf_fonts.BOLD_ITALIC}


def test_words_that_read_right_to_left_are_right_aligned(db_session, dejavu):
    """The base direction is the first strong letter's: an Arabic goal is right-aligned,
    a Dutch sentence with an Arabic name in it stays left-aligned, a centred title centred."""
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT

    from maatwerk.core.pdf_fonts import reads_right_to_left
    from maatwerk.plans.pdf_layout import STYLES, para

    assert reads_right_to_left(ARABIC) and reads_right_to_left(f"<b>{ARABIC}</b> Anna")
    assert not reads_right_to_left(f"Afspraak met {ARABIC}")
    assert not reads_right_to_left("2026-12-08 Anna")
    assert para(ARABIC).style.alignment == TA_RIGHT
    assert para(f"Afspraak met {ARABIC}").style.alignment == TA_LEFT
    centred = next(name for name, style in STYLES.items() if style.alignment == TA_CENTER)
    assert para(ARABIC, centred).style.alignment == TA_CENTER
    assert para("Rekeningen op tijd").style.alignment == TA_LEFT
