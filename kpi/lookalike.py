"""Ids that look alike: equal after case folding or under Unicode's confusable skeleton (UTS #39, section 4).

skeleton(X) = NFD(replace each character of NFD(X) by its prototype); two strings are confusable when their
skeletons are equal. The prototypes come from confusables.txt as the confusable-homoglyphs package ships it
(`confusables.json`): that file lists, for each character, the characters confusable with it in both directions,
so the prototype of a class is recovered as the one entry that every other entry of the class points to (a
prototype of several characters, such as `rn` for `m`, is always the prototype: sources are single characters).
Ids are compared by skeleton(casefold(skeleton(X))), so `M18-01` and `m18-01`, and a Cyrillic `Н` and a
Latin `h`, are one id as well.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_MARKS = "\u200e\u200f"  # the data wraps right-to-left characters in direction marks


@functools.cache
def prototypes() -> dict[str, str]:
    """Every confusable source character and its prototype."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    links = {key: [entry["c"].strip(_MARKS) for entry in value] for key, value in data.items()}
    found: dict[str, str] = {}
    for key, targets in links.items():
        if len(key) != 1 or len(targets) != 1:
            continue  # a prototype lists all its sources; a source lists only its prototype
        target = targets[0]
        if target == key:
            continue
        back = links.get(target, [])
        if len(target) > 1 or len(back) > 1 or target < key:  # a two-member class: the smaller one is the prototype
            found[key] = target
    return found


def _prototype_skeleton(text: str) -> str:
    table = prototypes()
    return unicodedata.normalize("NFD", "".join(table.get(c, c) for c in unicodedata.normalize("NFD", text)))


def skeleton(text: str) -> str:
    """The key ids are compared by: the UTS #39 skeleton of the case-folded skeleton (`Н`, `H` and `h` are one)."""
    return _prototype_skeleton(_prototype_skeleton(text).casefold())


@functools.cache
def _ascii_images() -> tuple[np.ndarray, tuple[tuple[str, str], ...]]:
    """`skeleton` of each ASCII character (exact for ASCII text: it is per character there): a byte table for the
    characters whose key is one ASCII character, and (character, key) for the others (`M` is `rn`)."""
    table = np.arange(256, dtype=np.uint8)
    longer = []
    for code in range(128):
        image = skeleton(chr(code))
        if len(image) == 1 and image.isascii():
            table[code] = ord(image)
        else:
            longer.append((chr(code), image))
    return table, tuple(longer)


def _ascii_bytes(array: pa.Array) -> np.ndarray:
    """The bytes of a string array's values buffer (empty when it has none)."""
    data = array.buffers()[2]
    return np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)


def _ascii_keys(array: pa.Array) -> pa.Array:
    """The skeleton of every value of an all-ASCII string array: one byte-table pass, then a replacement for
    each longer key whose character occurs."""
    table, longer = _ascii_images()
    validity, offsets, _ = array.buffers()
    data = pa.py_buffer(table[_ascii_bytes(array)])
    out = pa.Array.from_buffers(pa.string(), len(array), [validity, offsets, data], array.null_count, array.offset)
    seen = np.bincount(_ascii_bytes(array), minlength=256)
    for character, image in longer:
        if seen[ord(character)]:
            out = pc.replace_substring(out, character, image)
    return out


def _ascii_keys_injective(array: pa.Array) -> bool:
    """Whether no two different all-ASCII values can share a key, judged from the characters that occur: their
    keys are distinct, and the characters of each longer key (`rn`) occur in no other key, so a key splits back
    into characters one way only."""
    table, longer = _ascii_images()
    seen = np.flatnonzero(np.bincount(_ascii_bytes(array), minlength=256))
    images = {chr(c): chr(table[c]) for c in seen} | {c: image for c, image in longer if ord(c) in seen}
    if len(set(images.values())) < len(images):
        return False
    for character, image in images.items():
        if len(image) > 1:
            others = set("".join(v for c, v in images.items() if c != character))
            if others & set(image):
                return False
    return True


def _combined(values: pd.Series) -> pa.Array:
    array = pa.array(values, pa.string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def keys(values: pd.Series) -> pa.Array:
    """The skeleton of every value: ASCII ones by a byte table, the others one by one."""
    array = _combined(values)
    out = _ascii_keys(array)
    plain = pc.string_is_ascii(array)
    if not pc.all(plain).as_py():
        other = [skeleton(v) for v in values[~plain.to_numpy(zero_copy_only=False)]]
        positions = np.flatnonzero(~plain.to_numpy(zero_copy_only=False))
        filled = np.asarray(out.to_pylist(), dtype=object)
        filled[positions] = other
        out = pa.array(filled, pa.string())
    return out


def _clashes(values: pd.Series, key: pa.Array) -> bool:
    """Whether two different values share a key (sorted once; no Python loop over the values)."""
    if len(values) < 2:
        return False
    order = pc.sort_indices(key)
    sorted_keys, sorted_values = key.take(order), pa.array(values, pa.string()).take(order)
    same_key = pc.equal(sorted_keys[1:], sorted_keys[:-1])
    other_value = pc.not_equal(sorted_values[1:], sorted_values[:-1])
    return bool(pc.any(pc.and_(same_key, other_value)).as_py())


def twins(values: pd.Series) -> pd.Series:
    """For each value that looks like another, different value: that value (the first such one; '' otherwise)."""
    result = pd.Series("", index=values.index, dtype=object)
    array = _combined(values)
    if pc.all(pc.string_is_ascii(array)).as_py() and _ascii_keys_injective(array):
        return result  # the characters that occur cannot make two ids alike: no key needed
    key = keys(values)
    if not _clashes(values, key):
        return result
    frame = pd.DataFrame({"value": values.to_numpy(), "key": key.to_pylist()}, index=values.index)
    distinct = frame.drop_duplicates("value")
    first = distinct.drop_duplicates("key").set_index("key")["value"]
    later = distinct[~distinct.index.isin(distinct.drop_duplicates("key").index)]
    second = later.drop_duplicates("key").set_index("key")["value"]
    head = frame["key"].map(first)
    other = head.where(head != frame["value"], frame["key"].map(second))
    twin = other.notna() & (other != frame["value"])
    result[twin] = other[twin]
    return result


def store_twins(incoming: pd.Series, stored: pd.Series) -> pd.Series:
    """For each incoming value not stored as such but looking like a stored one: that stored value ('' otherwise)."""
    new = ~incoming.isin(stored)
    result = pd.Series("", index=incoming.index, dtype=object)
    if not new.any() or stored.empty:
        return result
    stored_keys = pd.Series(stored.to_numpy(), index=keys(stored).to_pylist())
    stored_keys = stored_keys[~stored_keys.index.duplicated()]
    hit = pd.Series(keys(incoming[new]).to_pylist(), index=incoming.index[new]).map(stored_keys).dropna()
    result[hit.index] = hit
    return result
