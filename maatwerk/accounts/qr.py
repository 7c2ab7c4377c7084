"""A QR code as inline SVG markup (reportlab's encoder; no inline styles, so the page's
Content-Security-Policy allows it)."""

from __future__ import annotations

from markupsafe import Markup
from reportlab.graphics.barcode import qr

BORDER = 4


def qr_svg(value: str, *, label: str) -> Markup:
    """An <svg> of the QR code of value; the label and path are escaped by format()."""
    widget = qr.QrCodeWidget(value, barLevel="M", barBorder=0)
    widget.draw()  # builds widget.qr
    code = widget.qr
    count = code.getModuleCount()
    size = count + 2 * BORDER
    path = "".join(
        f"M{col + BORDER} {row + BORDER}h1v1h-1z"
        for row in range(count)
        for col in range(count)
        if code.isDark(row, col)
    )
    template = Markup(
        '<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {size} {size}" width="200" height="200" aria-label="{label}">'
        '<rect width="{size}" height="{size}" fill="#fff"/>'
        '<path d="{path}" fill="#000"/></svg>'
    )
    return template.format(size=size, label=label, path=path)
