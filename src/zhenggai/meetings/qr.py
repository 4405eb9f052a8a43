"""QR codes drawn on the server as inline SVG (no image files, no outside service)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg


def qr_svg(data: str) -> str:
    """An <svg> element encoding `data`, sized by its viewBox so CSS scales it for print."""
    image = qrcode.make(
        data,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    svg: str = image.to_string(encoding="unicode")
    # Drop the fixed millimetre size; the page sets the width.
    return svg.replace('width="', 'data-width="', 1).replace('height="', 'data-height="', 1)
