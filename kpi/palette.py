"""The colour-blind-safe Okabe-Ito palette, declared once (also in .streamlit/config.toml)."""

from __future__ import annotations

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW, BLACK = OKABE_ITO
GREY = "#6B6B6B"
# Text and icons take darker shades of the same hues, which read at WCAG AA (4.5:1 or more on white, contrast in
# the comment); the hues above stay for chart marks. BLUE_TEXT is also the theme's primary colour.
BLUE_TEXT = "#005A8C"  # 7.4:1
VERMILLION_TEXT = "#A34700"  # 6.1:1
GREEN_TEXT = "#006B4F"  # 6.5:1
ORANGE_TEXT = "#8A5A00"  # 5.9:1
PURPLE_TEXT = "#A0527F"  # 5.2:1
GREY_TEXT = "#595959"  # 7.0:1
INK = "#111111"  # body text (the theme's textColor): its 60 % captions still reach 4.9:1 on white
TEXT_SHADES: dict[str, str] = {
    "blue": BLUE_TEXT,
    "vermillion": VERMILLION_TEXT,
    "green": GREEN_TEXT,
    "orange": ORANGE_TEXT,
    "purple": PURPLE_TEXT,
    "grey": GREY_TEXT,
    "ink": INK,
}
TARGET_BAND = "rgba(0, 158, 115, 0.18)"  # translucent bluish green: the target range
DIRECTION_COLOURS: dict[str, str] = {"incoming": BLUE, "outgoing": ORANGE}
SEQUENTIAL: tuple[tuple[float, str], ...] = ((0.0, "#BDD7EE"), (1.0, "#08306B"))


def colour(n: int) -> str:
    """The n-th categorical colour, cycling through the palette."""
    return OKABE_ITO[n % len(OKABE_ITO)]


# A status's colour follows its words, declared once: the card's badge and delta, the chart bars and lines.
STATUS_TONE: dict[str, str] = {
    "exceeded": "good",
    "achieved": "good",
    "on_track": "good",
    "on_schedule_forecast_short": "caution",  # on schedule so far, but the forecast misses: its own colour
    "at_risk": "warn",
    "behind": "bad",
    "missed": "bad",
    "no_target": "neutral",
}
TONE_COLOURS: dict[str, str] = {"good": BLUE, "caution": PURPLE, "warn": ORANGE, "bad": VERMILLION, "neutral": GREY}
TONE_TEXT: dict[str, str] = {
    "good": BLUE_TEXT,
    "caution": PURPLE_TEXT,
    "warn": ORANGE_TEXT,
    "bad": VERMILLION_TEXT,
    "neutral": GREY_TEXT,
}
TONE_BADGES: dict[str, str] = {  # Streamlit names
    "good": "blue",
    "caution": "violet",
    "warn": "orange",
    "bad": "red",
    "neutral": "gray",
}


def status_colour(status: str) -> str:
    """The chart colour of a status (blue good, purple on schedule but forecast short, orange at risk, vermillion bad,
    grey without target)."""
    return TONE_COLOURS[STATUS_TONE[status]]


def status_text_colour(status: str) -> str:
    """The text shade of a status's colour (WCAG AA on white)."""
    return TONE_TEXT[STATUS_TONE[status]]


def status_badge(status: str) -> str:
    """The Streamlit colour name of a status, matching `status_colour`."""
    return TONE_BADGES[STATUS_TONE[status]]
