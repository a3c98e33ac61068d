"""Text of images and scanned PDF pages by OCR: Debian's tesseract (``tesseract-ocr`` with the
simplified Chinese model ``tesseract-ocr-chi-sim``) run as a program, and poppler's ``pdftoppm``
(``poppler-utils``) to turn PDF pages into images first.

Tesseract puts spaces between Chinese characters and around the digits inside them
("2022 年 11 月 5 日"); those are taken out so that the extractor reads the dates it would read in
typed text. A missing program or language says what to install.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UnreadableArticle
from .timing import phase

OCR_DPI = 300
MAX_PAGES = 20  # pages of one scanned PDF read by OCR
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils"
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_INNER_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}0-9])|(?<=[{_CJK}0-9])[ \t]+(?=[{_CJK}])")


def image_text(data: bytes, *, languages: str, timeout: float) -> str:
    """The text tesseract reads in an image (PNG, JPEG, TIFF, GIF, WebP, BMP)."""
    with tempfile.TemporaryDirectory(prefix="calendar-ocr-") as folder:
        path = Path(folder) / "page"
        path.write_bytes(data)
        return tidy(_tesseract(path, languages, timeout))


def pdf_pages_text(data: bytes, *, languages: str, timeout: float, pages: int | None = None) -> str:
    """The text of a scanned PDF's pages (at most ``MAX_PAGES``), each rendered at 300 dpi."""
    _require("pdftoppm", "poppler-utils")
    last = min(pages or MAX_PAGES, MAX_PAGES)
    with tempfile.TemporaryDirectory(prefix="calendar-ocr-") as folder:
        pdf = Path(folder) / "scan.pdf"
        pdf.write_bytes(data)
        try:
            with phase("ocr"):
                subprocess.run(["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", "-l", str(last), str(pdf),
                                str(Path(folder) / "p")], check=True, capture_output=True, timeout=timeout)
        except subprocess.CalledProcessError as exc:
            raise UnreadableArticle(f"pdftoppm could not render the PDF: {_said(exc.stderr)}") from None
        except subprocess.TimeoutExpired:
            raise UnreadableArticle(f"pdftoppm took more than {timeout:g} s") from None
        texts = [tidy(_tesseract(page, languages, timeout)) for page in sorted(Path(folder).glob("p-*.png"))]
    return "\n\n".join(t for t in texts if t.strip())


def tidy(text: str) -> str:
    """Tesseract's output without the spaces it puts between Chinese characters, lines trimmed."""
    lines = [_INNER_SPACE.sub("", line).strip() for line in text.replace("\f", "\n").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _tesseract(path: Path, languages: str, timeout: float) -> str:
    _require("tesseract", "tesseract-ocr")
    try:
        with phase("ocr"):
            done = subprocess.run(["tesseract", str(path), "stdout", "-l", languages, "--psm", "3"],
                                  capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise UnreadableArticle(f"OCR took more than {timeout:g} s on one page") from None
    if done.returncode != 0:
        said = _said(done.stderr)
        if "Failed loading language" in said or "traineddata" in said:
            raise UnreadableArticle(f"tesseract has no {languages!r} language data ({INSTALL}): {said}")
        raise UnreadableArticle(f"tesseract could not read the image: {said}")
    return done.stdout.decode("utf-8", errors="replace")


def _require(program: str, package: str) -> None:
    if shutil.which(program) is None:
        raise UnreadableArticle(f"{program} is not installed, so images and scans cannot be read "
                                f"({INSTALL}; Debian package {package})")


def _said(stderr: bytes) -> str:
    lines = [line for line in stderr.decode("utf-8", errors="replace").splitlines() if line.strip()]
    return " / ".join(lines[-3:])[:300] or "no message"
