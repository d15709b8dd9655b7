"""jsonschema's validation errors in plain words: what is wrong, and what is allowed instead.

jsonschema says ``'maybe' is not one of ['real', 'fake']`` or ``Additional
properties are not allowed ('anwser' was unexpected)``; a facilitator reads
``"maybe" is not allowed; use "real" or "fake".`` and ``"anwser" is not a field
used here (did you mean "answer"?) ...``. :func:`plain` builds the sentence
from the error's ``validator``, ``validator_value``, ``instance`` and ``schema``
(nothing is parsed out of jsonschema's English), and :func:`problems` validates
a document and returns the problem to show first (jsonschema's ``best_match``)
with the number of other problems. The caller says where the problem is (an
item of pack.json, a row of notes.csv) and keeps jsonschema's own message as the
technical detail (:func:`detail`).

Game layer: imports only ``jsonschema`` and the standard library.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

import jsonschema

#: What each JSON type is, in words.
TYPE_WORDS = {
    "string": "text in quotes",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list in [ ]",
    "object": "a group of fields in { }",
    "null": "null",
}


def shown(value: Any) -> str:
    """A value as it is written in the file: "text" in double quotes, numbers bare, groups and lists shortened."""
    if isinstance(value, dict):
        return "a group of fields { }"
    if isinstance(value, list):
        return "a list [ ]"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + '..."'


def either(values: list[Any], last: str = "or") -> str:
    """'"a"', '"a" or "b"', '"a", "b" or "c"' (``last="and"``: '"a", "b" and "c"')."""
    words = [shown(value) for value in values]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def _resolve(subschema: dict, root: dict) -> dict:
    """``subschema`` with a local ``$ref`` ("#/$defs/text") replaced by what it points to."""
    while isinstance(subschema, dict) and str(subschema.get("$ref", "")).startswith("#/"):
        target = root
        for part in subschema["$ref"][2:].split("/"):
            target = target[part]
        subschema = {**target, **{k: v for k, v in subschema.items() if k != "$ref"}}
    return subschema


def allowed(subschema: dict, root: dict) -> str:
    """What a field may hold, in words: '"real" or "fake"', '{"en": ..., "es": ...}', 'text in quotes'."""
    subschema = _resolve(subschema, root)
    if "enum" in subschema:
        return either(subschema["enum"])
    if "const" in subschema:
        return shown(subschema["const"])
    if subschema.get("type") == "object" and subschema.get("required"):
        return "{" + ", ".join(f'"{name}": ...' for name in subschema["required"]) + "}"
    return TYPE_WORDS.get(subschema.get("type"), "a value described in docs/packs.md")


def _number_range(subschema: dict) -> str:
    low, high = subschema.get("minimum"), subschema.get("maximum")
    if low is not None and high is not None:
        return f"from {low} to {high}"
    parts = []
    if low is not None:
        parts.append(f"at least {low}")
    if "exclusiveMinimum" in subschema:
        parts.append(f"more than {subschema['exclusiveMinimum']}")
    if high is not None:
        parts.append(f"at most {high}")
    if "exclusiveMaximum" in subschema:
        parts.append(f"less than {subschema['exclusiveMaximum']}")
    return " and ".join(parts)


def plain(error: jsonschema.ValidationError, root: dict, field: str = "field") -> str:
    """One validation error as a sentence that says what is wrong and what is allowed (no place: the caller adds it).

    ``root`` is the whole schema (to follow ``$ref``); ``field`` is what the
    document calls its named parts ("field" in pack.json, "column" in notes.csv).
    """
    kind, expected, value, subschema = error.validator, error.validator_value, error.instance, error.schema
    if kind == "required":
        missing = [name for name in expected if name not in value]
        properties = subschema.get("properties", {})
        if len(missing) == 1:
            return f'the {field} "{missing[0]}" is missing; it must be {allowed(properties.get(missing[0], {}), root)}.'
        return f"the {field}s {either(missing, 'and')} are missing; each is required (see docs/packs.md)."
    if kind == "additionalProperties":
        known = list(subschema.get("properties", {}))
        extra = [name for name in value if name not in known]
        close = difflib.get_close_matches(extra[0], known, n=1) if extra else []
        guess = f" (did you mean {shown(close[0])}?)" if close else ""
        what = f"is not a {field}" if len(extra) == 1 else f"are not {field}s"
        return f"{either(extra, 'and')} {what} used here{guess}. Correct the spelling or remove it; the {field}s allowed here are {', '.join(known)} (see docs/packs.md)."
    if kind == "enum":
        return f"{shown(value)} is not allowed; use {either(expected)}."
    if kind == "const":
        return f"it must be {shown(expected)}, not {shown(value)}."
    if kind == "type":
        return f"it must be {TYPE_WORDS.get(expected, expected)}, not {shown(value)}."
    if kind == "minLength":
        return "it is empty; write something." if expected == 1 else f"it is too short: write at least {expected} characters."
    if kind == "maxLength":
        return f"it is {len(value)} characters long; at most {expected} are allowed. Shorten it."
    if kind == "pattern":
        rule = subschema.get("description") or f"text matching the pattern {expected}"
        return f"{shown(value)} does not have the allowed form: {rule}"
    if kind == "minItems":
        return f"it holds {len(value)} entries; at least {expected} {'is' if expected == 1 else 'are'} needed."
    if kind == "maxItems":
        return f"it holds {len(value)} entries; at most {expected} are allowed."
    if kind in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
        return f"it must be a number {_number_range(subschema)}, not {shown(value)}."
    return error.message + "."


def detail(error: jsonschema.ValidationError) -> str:
    """jsonschema's own message and the place as a JSON path: the technical detail shown after the plain words."""
    return f"detail: {error.message} (at {error.json_path})"


def problems(document: Any, root: dict) -> tuple[jsonschema.ValidationError | None, int]:
    """Validate ``document`` against ``root`` (JSON Schema 2020-12): the problem to show first (None: valid) and how many others there are."""
    errors = sorted(jsonschema.Draft202012Validator(root).iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return None, 0
    # several missing fields at one place are one problem (one sentence names them all)
    places = {(tuple(map(str, e.absolute_path)), e.validator) if e.validator == "required" else id(e) for e in errors}
    return jsonschema.exceptions.best_match(errors), len(places) - 1
