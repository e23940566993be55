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
TARGET_BAND = "rgba(0, 158, 115, 0.18)"  # translucent bluish green: the target range
DIRECTION_COLOURS: dict[str, str] = {"incoming": BLUE, "outgoing": ORANGE}
SEQUENTIAL: tuple[tuple[float, str], ...] = ((0.0, "#BDD7EE"), (1.0, "#08306B"))


def colour(n: int) -> str:
    """The n-th categorical colour, cycling through the palette."""
    return OKABE_ITO[n % len(OKABE_ITO)]

# A status's colour follows its words, declared once: the card's badge and delta, the chart bars and lines.
STATUS_TONE: dict[str, str] = {
    "exceeded": "good", "achieved": "good", "on_track": "good", "at_risk": "warn", "behind": "bad", "missed": "bad",
    "no_target": "neutral",
}
TONE_COLOURS: dict[str, str] = {"good": BLUE, "warn": ORANGE, "bad": VERMILLION, "neutral": GREY}
TONE_BADGES: dict[str, str] = {"good": "blue", "warn": "orange", "bad": "red", "neutral": "gray"}  # Streamlit names


def status_colour(status: str) -> str:
    """The chart colour of a status (blue good, orange at risk, vermillion bad, grey without target)."""
    return TONE_COLOURS[STATUS_TONE[status]]


def status_badge(status: str) -> str:
    """The Streamlit colour name of a status, matching `status_colour`."""
    return TONE_BADGES[STATUS_TONE[status]]
