"""Benchmark: the family's plan PDF (maatwerk.plans.pdf.build_plan_pdf) against a bare
reportlab canvas that draws the same pages.

The floor is the least reportlab work for equivalent output. It is derived, once per run
and outside the timed loop, from the PDF the subject made: every text fragment (same font,
size, colour and position, read back with pypdf; the embedded TrueType font the subject
registered, maatwerk.core.pdf_fonts, subset and embedded by the floor alike) and every
path (the QR code's modules, the domain pictograms, rank badges, box backgrounds and
rules, with their colours and line widths), in the same page order. The timed floor then
only draws: one canvas, one text object per run of text, one path per run of equally
painted shapes, the same page count, the same document metadata, the same compression.
What it does not do is what any implementation needs but the subject's input already
fixes: line breaking, page breaking and QR encoding (the subject may memoise the QR code
of a portal address; the floor's is precomputed).

Two pairs:
- render only: build_plan_pdf on a loaded plan (the target, ≤ 3x the floor);
- the whole route GET /api/v1/plans/<id>/pdf through the Flask test client (bearer token,
  authorisation, loading, audit row, commit): reported only.

    .venv/bin/python benchmarks/bench_pdf.py
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # puts the project root on sys.path

LOGIN = "gezin.jansen"  # the Jansen household's family account (demo data)
PASSWORD = "maatwerk-demo"  # noqa: S105 - the published demo password
GENERATED_ON = dt.date(2026, 5, 12)
TARGET = 3.0
BATCH_SECONDS = 0.25  # each timed batch of the subject lasts about this long
ROUNDS = 15


# --- what the real PDF draws, read back with pypdf -------------------------------------------


@dataclass
class TextRun:
    """Consecutive text fragments of a page: (font, size, rgb, x, y, text) each."""

    fragments: list[tuple[str, float, tuple[float, ...], float, float, str]] = field(
        default_factory=list
    )


@dataclass
class PathRun:
    """Consecutive shapes painted alike: one path on the floor's canvas."""

    fill: tuple[float, ...] | None
    stroke: tuple[float, ...] | None
    width: float
    even_odd: bool
    segments: list[tuple[str, tuple[float, ...]]] = field(default_factory=list)


@dataclass
class Page:
    items: list[TextRun | PathRun] = field(default_factory=list)


NUMERIC = {"m", "l", "c", "v", "y", "re", "w", "rg", "RG", "g", "G"}
PAINT = {
    # operator: (fill, stroke, close, even-odd)
    "S": (False, True, False, False),
    "s": (False, True, True, False),
    "f": (True, False, False, False),
    "F": (True, False, False, False),
    "f*": (True, False, False, True),
    "B": (True, True, False, False),
    "B*": (True, True, False, True),
    "b": (True, True, True, False),
    "b*": (True, True, True, True),
    "n": (False, False, False, False),
}


def _apply(cm: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = cm
    return a * x + c * y + e, b * x + d * y + f


def _decode(value: Any, codes: dict[int, str] | None) -> str:
    raw = value.get_original_bytes() if hasattr(value, "get_original_bytes") else bytes(value)
    if codes is None:
        return raw.decode("cp1252", errors="replace")
    return "".join(codes.get(byte, chr(byte)) for byte in raw)


def _to_unicode(font: Any) -> dict[int, str] | None:
    """A TrueType subset's codes (reportlab writes one `<code> <unicode>` line each)."""
    if "/ToUnicode" not in font:
        return None
    codes = {}
    for line in font["/ToUnicode"].get_object().get_data().decode("ascii").splitlines():
        parts = line.split()
        if len(parts) == 2 and all(p.startswith("<") and p.endswith(">") for p in parts):
            code, value = (p[1:-1] for p in parts)
            if len(code) == 2 and len(value) >= 4:  # not the code space range
                codes[int(code, 16)] = bytes.fromhex(value).decode("utf-16-be")
    return codes


def _registered(base_font: str) -> str:
    """The name the subject registered a font under: the floor draws in the same font."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    face = base_font.partition("+")[2] if "+" in base_font else base_font
    for name in sorted(pdfmetrics.getRegisteredFontNames()):
        font = pdfmetrics.getFont(name)
        if isinstance(font, TTFont) and font.face.name.decode() == face:
            return name
    return base_font


def extract_pages(data: bytes) -> list[Page]:
    """Text fragments and paths of every page, in drawing order, in page coordinates."""
    from pypdf import PdfReader

    pages = []
    for pdf_page in PdfReader(io.BytesIO(data)).pages:
        fonts = {
            str(name): (
                _registered(str(ref.get_object()["/BaseFont"]).lstrip("/")),
                _to_unicode(ref.get_object()),
            )
            for name, ref in pdf_page["/Resources"].get("/Font", {}).items()
        }
        page = Page()
        state = {"fill": (0.0, 0.0, 0.0), "stroke": (0.0, 0.0, 0.0), "width": 1.0}
        stack: list[dict[str, Any]] = []
        font: list[Any] = ["Helvetica", 12.0, None]
        path: list[tuple[str, tuple[float, ...]]] = []

        def add_text(fragment, page=page):
            if not page.items or not isinstance(page.items[-1], TextRun):
                page.items.append(TextRun())
            page.items[-1].fragments.append(fragment)

        def visit(
            op, args, cm, tm, page=page, state=state, stack=stack, font=font, path=path, fonts=fonts
        ):
            op = op.decode() if isinstance(op, bytes) else op
            nums = [float(a) for a in args] if op in NUMERIC else []
            if op == "q":
                stack.append(dict(state))
            elif op == "Q" and stack:
                state.update(stack.pop())
            elif op == "rg":
                state["fill"] = tuple(nums)
            elif op == "RG":
                state["stroke"] = tuple(nums)
            elif op == "g":
                state["fill"] = (nums[0],) * 3
            elif op == "G":
                state["stroke"] = (nums[0],) * 3
            elif op == "w":
                state["width"] = nums[0] * abs(cm[0])
            elif op == "Tf":
                name, codes = fonts.get(str(args[0]), ("Helvetica", None))
                font[0], font[1], font[2] = name, float(args[1]), codes
            elif op in ("Tj", "'", '"') or op == "TJ":
                value = args[-1]
                if op == "TJ":
                    text = "".join(
                        _decode(v, font[2]) for v in value if not isinstance(v, int | float)
                    )
                else:
                    text = _decode(value, font[2])
                if text.strip():
                    x, y = _apply(cm, tm[4], tm[5])
                    size = font[1] * abs(cm[0]) * abs(tm[0] or 1)
                    add_text((font[0], size, state["fill"], x, y, text))
            elif op in ("m", "l"):
                path.append((op, _apply(cm, *nums)))
            elif op == "c":
                points = [_apply(cm, nums[i], nums[i + 1]) for i in (0, 2, 4)]
                path.append(("c", tuple(v for p in points for v in p)))
            elif op == "re":
                x, y, w, h = nums
                corners = [_apply(cm, x, y), _apply(cm, x + w, y + h)]
                (x1, y1), (x2, y2) = corners
                path.append(("re", (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))))
            elif op == "h":
                path.append(("h", ()))
            elif op in PAINT:
                fill, stroke, close, even_odd = PAINT[op]
                if path and (fill or stroke):
                    style = (
                        state["fill"] if fill else None,
                        state["stroke"] if stroke else None,
                        state["width"] if stroke else 0.0,
                        even_odd,
                    )
                    last = page.items[-1] if page.items else None
                    if not (
                        isinstance(last, PathRun)
                        and (last.fill, last.stroke, last.width, last.even_odd) == style
                    ):
                        last = PathRun(*style)
                        page.items.append(last)
                    last.segments += path
                    if close:
                        last.segments.append(("h", ()))
                path.clear()

        pdf_page.extract_text(visitor_operand_before=visit)
        pages.append(page)
    return pages


def floor_pdf(pages: list[Page], title: str) -> bytes:
    """The bare canvas: the same pages, fragments and shapes, drawn as directly as possible."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("Alliantie van Kracht")
    c.setCreator("Maatwerk")
    for page in pages:
        for item in page.items:
            if isinstance(item, TextRun):
                text = c.beginText()
                for font, size, rgb, x, y, value in item.fragments:
                    text.setFont(font, size)
                    text.setFillColorRGB(*rgb)
                    text.setTextOrigin(x, y)
                    text.textOut(value)
                c.drawText(text)
                continue
            p = c.beginPath()
            for op, v in item.segments:
                if op == "re":
                    p.rect(*v)
                elif op == "m":
                    p.moveTo(*v)
                elif op == "l":
                    p.lineTo(*v)
                elif op == "c":
                    p.curveTo(*v)
                else:
                    p.close()
            if item.fill is not None:
                c.setFillColorRGB(*item.fill)
            if item.stroke is not None:
                c.setStrokeColorRGB(*item.stroke)
                c.setLineWidth(item.width)
            c.drawPath(
                p,
                stroke=int(item.stroke is not None),
                fill=int(item.fill is not None),
                fillMode=1 if item.even_odd else 0,
            )
        c.showPage()
    c.save()
    return buffer.getvalue()


def text_lines(data: bytes) -> list[list[str]]:
    """The words of every page (pypdf), for checking the floor draws what the subject does."""
    from pypdf import PdfReader

    return [p.extract_text().split() for p in PdfReader(io.BytesIO(data)).pages]


# --- the benchmark ------------------------------------------------------------------------------


def _rl_accel() -> bool:
    """reportlab's C accelerator (the rl_accel package, `reportlab[accel]`): without it
    number formatting and string widths run in Python, for subject and floor alike."""
    try:
        import _rl_accel  # noqa: F401
    except ImportError:
        print("note: rl_accel is not installed: pip install 'reportlab[accel]'", flush=True)
        return False
    return True


def _iterations(function, seconds: float = BATCH_SECONDS) -> int:
    started = time.perf_counter()
    function()
    took = time.perf_counter() - started
    return max(3, min(500, int(seconds / max(took, 1e-6))))


def _paired(name: str, subject, floor, **kwargs) -> common.Result:
    iterations = _iterations(subject)
    result = common.paired(
        name,
        subject,
        floor,
        floor_name="bare reportlab canvas",
        iterations=iterations,
        rounds=ROUNDS,
        warmup=3,
        **kwargs,
    )
    result.extra["iterations_per_round"] = iterations
    result.extra["rounds"] = ROUNDS
    return result


def _app():
    from config import DevelopmentConfig
    from maatwerk import create_app

    # Development settings (no two-step verification for the family's token) on the bench DB.
    return create_app(
        DevelopmentConfig,
        overrides={"SQLALCHEMY_DATABASE_URI": common.sqlalchemy_url(), "MFA_REQUIRED_ROLES": ()},
    )


def main() -> list[common.Result]:
    from sqlalchemy import select

    from api.pdf import portal_url
    from maatwerk.accounts.models import User
    from maatwerk.core import pdf_fonts
    from maatwerk.core.db import db
    from maatwerk.plans.models import Plan
    from maatwerk.plans.pdf import build_plan_pdf
    from maatwerk.plans.pdf_labels import Words
    from maatwerk.plans.reading import get_plan

    app = _app()
    with app.test_request_context("/"):
        user = db.session.scalar(select(User).where(User.login == LOGIN))
        if user is None:
            raise SystemExit(
                f"no account {LOGIN!r} in {common.BENCH_DATABASE_URL}: `maatwerk demo`"
            )
        plan_id = db.session.scalar(
            select(Plan.id).where(Plan.household_id == user.household_id).order_by(Plan.id)
        )
        plan = get_plan(plan_id, user, action="print")
        url = portal_url(plan.id)
        reference = plan.household.reference

        def subject() -> bytes:
            return build_plan_pdf(plan, portal_url=url, generated_on=GENERATED_ON)

        body = subject()
        pages = extract_pages(body)
        title = f"{Words('nl')['title']} - {reference}"

        def floor() -> bytes:
            return floor_pdf(pages, title)

        floor_body = floor()
        same_text = text_lines(floor_body) == text_lines(body)
        items = [i for p in pages for i in p.items]
        drawn = {
            "rl_accel": _rl_accel(),
            "pages": len(pages),
            "text_fragments": sum(len(i.fragments) for i in items if isinstance(i, TextRun)),
            "path_segments": sum(len(i.segments) for i in items if isinstance(i, PathRun)),
            "subject_bytes": len(body),
            "floor_bytes": len(floor_body),
            "floor_has_the_same_words_per_page": same_text,
        }
        drawn["font"] = pdf_fonts.fonts().family
        print(f"plan {plan_id}: {drawn}", flush=True)
        render = _paired("plan PDF, render only (build_plan_pdf)", subject, floor, target=TARGET)
        render.extra.update(drawn)
        db.session.rollback()  # the audit row of the set-up read

    client = app.test_client()
    response = client.post("/api/v1/auth/tokens", json={"login": LOGIN, "password": PASSWORD})
    if response.status_code != 201:
        raise SystemExit(f"no token: {response.status_code} {response.get_data(as_text=True)}")
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    path = f"/api/v1/plans/{plan_id}/pdf"

    def route() -> bytes:
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, answer.status_code
        return answer.data

    assert route().startswith(b"%PDF")
    whole = _paired(f"plan PDF, GET {path} (Flask test client)", route, floor)
    whole.extra["note"] = "information: token check, load, audit row, commit, render"
    client.delete("/api/v1/auth/tokens/current", headers=headers)  # the run's token ends here
    results = [render, whole]
    ok = common.report(results, file_name="pdf.json")
    if not same_text:
        print("warning: the floor's words differ from the subject's", flush=True)
    if not ok:
        sys.exit(1)
    return results


if __name__ == "__main__":
    main()
