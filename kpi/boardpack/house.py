"""The organisation's house style for the pack: PowerPoint template, logo and colours, from one set of settings."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.exc import PythonPptxError
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from kpi import palette, settings
from kpi.boardpack.layout import Box
from kpi.errors import Refused
from kpi.i18n import t

EMU_PER_PT = 12700
_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


class TemplateError(Refused):
    """The configured template, logo or colours cannot be used: `part` says which; the text (for the log) names the
    file, `message` does not."""

    def __init__(self, part: str, detail: str, **params: str) -> None:
        super().__init__(detail)
        self.part, self.params = part, params

    def message(self, lang: str, limit: int = 50) -> str:
        """What is wrong in the user's language, without the file's path or name (a server path)."""
        return t(f"closed.house.{self.part}", lang, **self.params)


@dataclass(frozen=True)
class House:
    """Template file (or None), logo image and where the template puts it, primary and accent colours."""

    template: Path | None = None
    logo: bytes | None = None
    logo_box: Box | None = None  # the logo's place on the template's master, in points
    primary: str = palette.BLUE
    accent: str = palette.ORANGE


def _colour(text: str) -> str:
    if not _HEX.match(text.strip()):
        raise TemplateError("colours", f"not a colour (#RRGGBB): {text!r}", value=text.strip())
    return "#" + text.strip().lstrip("#").upper()


def _theme_colours(prs) -> list[str]:
    """accent1 and accent2 of the template's theme, where they are plain RGB colours."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    found = []
    for name in ("accent1", "accent2"):
        node = root.find(f".//{_A}clrScheme/{_A}{name}/{_A}srgbClr")
        if node is not None:
            found.append("#" + node.get("val").upper())
    return found


def _master_logo(prs) -> tuple[bytes, Box] | None:
    """The first picture on the template's slide master and its box in points."""
    for shape in prs.slide_master.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            box = Box(*(v / EMU_PER_PT for v in (shape.left, shape.top, shape.width, shape.height)))
            return shape.image.blob, box
    return None


def house(template: str | Path | None = None) -> House:
    """The house style: `template` (else the board_template setting), board_logo and board_colours."""
    path = template or settings.get("board_template")
    logo_path, colours = settings.get("board_logo"), settings.get("board_colours")
    found = House()
    theme: list[str] = []
    logo, box = None, None
    if path:
        path = Path(path).expanduser()
        if not path.is_absolute() and not path.exists():
            path = settings.PROJECT_ROOT / path  # a setting counts from the project folder
        try:
            prs = Presentation(str(path))
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, PythonPptxError) as error:
            raise TemplateError("template", f"the template {path} cannot be opened as PowerPoint: {error}") from None
        theme = _theme_colours(prs)
        master = _master_logo(prs)
        if master:
            logo, box = master
        found = House(template=path, logo_box=box)
    if logo_path:
        try:
            logo = Path(logo_path).expanduser().read_bytes()
        except OSError as error:
            raise TemplateError("logo", f"the logo {logo_path} cannot be read: {error}") from None
    chosen = [_colour(c) for c in colours.split(",") if c.strip()] if colours else theme
    primary = chosen[0] if chosen else palette.BLUE
    accent = chosen[1] if len(chosen) > 1 else palette.ORANGE
    return House(found.template, logo, found.logo_box, primary, accent)
