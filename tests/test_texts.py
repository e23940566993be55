"""Interface texts: every declared key is used by the product's code, and every key the code asks for is declared
in every language. Read from the source (kpi/, ui/, pages/, app.py; the text tables in kpi/texts/ excluded)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from kpi.i18n import LANGS, TEXTS, incomplete

ROOT = Path(__file__).resolve().parent.parent
# A string in code that ends in a dot and looks like a key's head ("status.", "data.mode.") declares a prefix.
PREFIX = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*\.$")
# Keys read through names the scan cannot see: the roles by kpi.dashboard.label's t(f"{field[:-1]}.{value}"),
# and the activity types by the activity form of a change in flight this round (editing: t(f"type.{k}"); once it
# lands, its code counts them and they can leave this list).
READ_BY_COMPUTED_NAMES = frozenset(
    {"role.lead", "role.partner"}
    | {"type.mission", "type.info_meeting", "type.company_visit", "type.partner_scan", "type.service"}
)


@dataclass
class Uses:
    """What the code says about text keys: every string it holds, the prefixes it declares or computes names
    from, the prefixes of names passed to `t`, and the literal keys passed to `t` (with where)."""

    strings: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    asked_prefixes: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)
    literal_keys: list[tuple[str, str]] = field(default_factory=list)

    def uses(self, key: str) -> bool:
        """Whether `key` is named in full somewhere, reached through a declared or computed prefix, or is a string
        of the code plus the literal end of a computed name (t(f"{since}_status") with since = "progress.change")."""
        return (
            key in self.strings
            or any(key.startswith(prefix) for prefix in self.prefixes)
            or any(key.endswith(end) and key[: -len(end)] in self.strings for end in self.suffixes)
        )


def _is_t(call: ast.Call) -> bool:
    return (isinstance(call.func, ast.Name) and call.func.id == "t") or (
        isinstance(call.func, ast.Attribute) and call.func.attr == "t"
    )


def _head(node: ast.expr) -> str | None:
    """The literal start of a computed name: f"status.{x}" or "status." + x."""
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant):
        return str(node.left.value) if isinstance(node.left.value, str) else None
    return None


def scan(sources: dict[str, str]) -> Uses:
    """Collect the uses of text keys from Python sources (name -> text)."""
    found = Uses()
    for name, text in sources.items():
        for node in ast.walk(ast.parse(text, filename=name)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.strings.add(node.value)
                if PREFIX.match(node.value):
                    found.prefixes.add(node.value)
            elif isinstance(node, ast.Call) and _is_t(node) and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.literal_keys.append((name, first.value))
                elif head := _head(first):
                    found.prefixes.add(head)
                    found.asked_prefixes.add(head)
                if isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[-1], ast.Constant):
                    found.suffixes.add(str(first.values[-1].value))
    return found


def _product_sources() -> dict[str, str]:
    paths = [p for folder in ("kpi", "ui", "pages") for p in sorted((ROOT / folder).rglob("*.py"))]
    paths = [p for p in paths if "texts" not in p.relative_to(ROOT).parts] + [ROOT / "app.py"]
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in paths}


def test_every_declared_key_is_used():
    """No text is declared that the product never shows (a key reached by a computed name counts as used)."""
    uses = scan(_product_sources())
    unused = sorted(key for key in TEXTS if not uses.uses(key) and key not in READ_BY_COMPUTED_NAMES)
    assert unused == []


def test_every_key_the_code_asks_for_is_declared_in_every_language():
    """Each literal `t("key", ...)` names a declared key; each computed prefix reaches at least one key; every
    declared key has a text in every declared language."""
    uses = scan(_product_sources())
    assert [(where, key) for where, key in uses.literal_keys if key not in TEXTS] == []
    assert [prefix for prefix in uses.asked_prefixes if not any(key.startswith(prefix) for key in TEXTS)] == []
    assert incomplete() == []
    assert all(set(LANGS) <= set(entry) for entry in TEXTS.values())


def test_keys_read_through_unseen_names_are_declared():
    """The keys listed as read through unseen names exist (the list names nothing that was removed meanwhile)."""
    assert TEXTS.keys() >= READ_BY_COMPUTED_NAMES


def test_scan_sees_literal_computed_and_declared_uses():
    """The scanner finds a literal key, an f-string prefix, a concatenated prefix and a declared prefix; a key in
    a comment or a sentence ending in a dot does not count."""
    uses = scan(
        {
            "a.py": 't("page.overview", lang)\n'
            'x = t(f"status.{s}", lang)\n'
            'y = t("col." + c, lang)\n'
            'PREFIX = "data.mode."\n'
            '# t("fig.plan.title", lang)\n'
            'note = "Saved."\n'
            'since = "progress.change"\n'
            'z = t(f"{since}_status", lang)\n'
        }
    )
    assert uses.literal_keys == [("a.py", "page.overview")]
    assert {"status.", "col.", "data.mode."} <= uses.prefixes
    assert uses.asked_prefixes == {"status.", "col."}
    assert uses.uses("status.on_track") and uses.uses("data.mode.replace") and uses.uses("page.overview")
    assert uses.uses("progress.change_status") and not uses.uses("progress.other_status")
    assert not uses.uses("fig.plan.title")
    assert "Saved." not in uses.prefixes
