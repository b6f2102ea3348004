"""A strict WebVTT check for caption uploads.

Why not a subtitle library (webvtt-py, pysubs2, …): they are parsers built to
recover from errors and read as much as they can, while a caption upload must
be refused unless every block is what WebVTT allows: a file that merely
starts with ``WEBVTT`` can be JavaScript or HTML (``WEBVTT=1;…`` is valid
script). So every block is read: the signature line, header lines, NOTE and
REGION blocks, and cues with a timing line whose text holds no markup beyond
WebVTT's own cue tags (``<i> <b> <u> <c.class> <v Name> <lang xx> <ruby> <rt>``
and timestamps). STYLE blocks (CSS) are refused: captions need none.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
# Cue settings are name:value pairs (align:start line:10%); nothing else follows a timing.
TIMING_LINE = re.compile(
    rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t]+[a-z]+:[\w.%,-]+)*[ \t]*$"
)
CUE_TAG = re.compile(
    r"<(?:"
    r"/?(?:c|i|b|u|ruby|rt)(?:\.[\w-]+)*"  # class spans and styles, opening or closing
    r"|(?:v|lang)(?:\.[\w-]+)*[ \t][^<>\n]+|/v|/lang"  # voice and language spans
    r"|(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"  # an inline timestamp
    r")>"
)
SIGNATURE = re.compile(r"^WEBVTT(?:[ \t][^\n]*)?$")


def _refuse(message: str, line: int | None = None) -> ValidationError:
    where = f"Line {line}: " if line else ""
    return ValidationError(
        f"These captions are not a WebVTT file we can use. {where}{message}", code="captions"
    )


def _seconds(match, offset: int) -> float:
    hours, minutes, seconds, millis = match.groups()[offset : offset + 4]
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _check_text(text: str, line: int) -> None:
    if "-->" in text:
        raise _refuse("“-->” may appear only in a cue's timing line.", line)
    # Only "<" opens markup; a lone ">" is text.
    if "<" in CUE_TAG.sub("", text):
        raise _refuse(
            "captions may hold only WebVTT's own cue tags (<i>, <b>, <u>, <c>, <v>, <lang>, "
            "<ruby>, <rt>); write a literal < as &lt;.",
            line,
        )


def check_webvtt(data: bytes) -> int:
    """The number of cues in ``data``; ValidationError unless it is all WebVTT."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse("it is not UTF-8 text.") from None
    if "\x00" in text:
        raise _refuse("it contains a NUL character.")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not SIGNATURE.match(lines[0]):
        raise _refuse("the first line must be WEBVTT alone (or WEBVTT, a space and a title).", 1)
    _check_text(lines[0], 1)
    number = 1
    # Header: the lines up to the first blank one.
    while number < len(lines) and lines[number].strip():
        _check_text(lines[number], number + 1)
        number += 1
    cues = 0
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        start = number
        block = []
        while number < len(lines) and lines[number].strip():
            block.append(lines[number])
            number += 1
        cues += _check_block(block, start + 1, seen_cues=cues)
    if not cues:
        raise _refuse("it has no cues (a timing line such as 00:01.000 --> 00:04.000, then text).")
    return cues


def _check_block(block: list[str], first_line: int, seen_cues: int) -> int:
    head = block[0]
    if head == "NOTE" or head.startswith(("NOTE ", "NOTE\t")):
        for offset, line in enumerate(block):
            _check_text(line, first_line + offset)
        return 0
    if head in ("STYLE", "REGION") or head.startswith(("STYLE ", "STYLE\t")):
        if head.startswith("STYLE"):
            raise _refuse("STYLE blocks are not accepted in captions.", first_line)
        if seen_cues:
            raise _refuse("a REGION block must come before the first cue.", first_line)
        for offset, line in enumerate(block[1:], start=1):
            _check_text(line, first_line + offset)
        return 0
    timing_at = 0
    if "-->" not in head:  # an optional cue identifier
        _check_text(head, first_line)
        timing_at = 1
    if timing_at >= len(block):
        raise _refuse("a cue identifier must be followed by a timing line.", first_line)
    timing = TIMING_LINE.match(block[timing_at])
    if not timing:
        raise _refuse(
            "expected a timing line such as 00:01.000 --> 00:04.000.", first_line + timing_at
        )
    if _seconds(timing, 4) <= _seconds(timing, 0):
        raise _refuse("a cue must end after it starts.", first_line + timing_at)
    for offset, line in enumerate(block[timing_at + 1 :], start=timing_at + 1):
        _check_text(line, first_line + offset)
    return 1
