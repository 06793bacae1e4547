"""Every key of the review screen, declared once as data.

Each binding has an id, so users can remap it in ~/.config/transdiff/config.toml (see
``tui.app.config``); the footer, the help screen and the command palette are built from this list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding

# Corrections of the alignment (tui.app.screens.corrections). The sentence view of a row (A)
# has these same bindings, ids included, so a remap moves the key in both places.
CORRECT: list[tuple[str, Binding]] = [
    (
        "Correct",
        Binding(
            "J",
            "correct('join')",
            "Join",
            id="join",
            show=False,
            tooltip="Join the row with the next one",
        ),
    ),
    (
        "Correct",
        Binding(
            "S",
            "correct('split')",
            "Split",
            id="split",
            show=False,
            tooltip="Split the row: its first paragraph on each side apart (1-1: unlink)",
        ),
    ),
    (
        "Correct",
        Binding(
            "left_parenthesis",
            "correct('move_up', 'source')",
            "Source up",
            id="move-source-up",
            key_display="(",
            show=False,
            tooltip="Move the row's first source paragraph to the row above",
        ),
    ),
    (
        "Correct",
        Binding(
            "right_parenthesis",
            "correct('move_down', 'source')",
            "Source down",
            id="move-source-down",
            key_display=")",
            show=False,
            tooltip="Move the row's last source paragraph to the row below",
        ),
    ),
    (
        "Correct",
        Binding(
            "left_curly_bracket",
            "correct('move_up', 'target')",
            "Target up",
            id="move-target-up",
            key_display="{",
            show=False,
            tooltip="Move the row's first target paragraph to the row above",
        ),
    ),
    (
        "Correct",
        Binding(
            "right_curly_bracket",
            "correct('move_down', 'target')",
            "Target down",
            id="move-target-down",
            key_display="}",
            show=False,
            tooltip="Move the row's last target paragraph to the row below",
        ),
    ),
    (
        "Correct",
        Binding(
            "ctrl+z",
            "undo_correction",
            "Undo",
            id="undo",
            show=False,
            tooltip="Undo the last correction of the alignment",
        ),
    ),
    (
        "Correct",
        Binding(
            "ctrl+y",
            "redo_correction",
            "Redo",
            id="redo",
            show=False,
            tooltip="Redo the correction undone last",
        ),
    ),
]

# (section, binding); sections group the help screen.
KEYS: list[tuple[str, Binding]] = [
    ("Move", Binding("j,down", "row(1)", "Next row", id="row-down", show=False)),
    ("Move", Binding("k,up", "row(-1)", "Previous row", id="row-up", show=False)),
    ("Move", Binding("space,pagedown", "page(1)", "Page down", id="page-down", show=False)),
    ("Move", Binding("b,pageup", "page(-1)", "Page up", id="page-up", show=False)),
    ("Move", Binding("g,home", "edge(-1)", "First row", id="first-row", show=False)),
    ("Move", Binding("G,end", "edge(1)", "Last row", id="last-row", show=False)),
    (
        "Move",
        Binding(
            "colon",
            "goto",
            "Go to paragraph",
            id="goto",
            show=False,
            tooltip="Go to a paragraph: 12 = source ¶12, t12 = target ¶12",
        ),
    ),
    (
        "Findings",
        Binding(
            "right_square_bracket",
            "finding(1, 'any')",
            "Next",
            id="next-finding",
            key_display="]",
            tooltip="Next finding of any kind",
        ),
    ),
    (
        "Findings",
        Binding(
            "left_square_bracket",
            "finding(-1, 'any')",
            "Previous",
            id="prev-finding",
            key_display="[",
            show=False,
            tooltip="Previous finding of any kind",
        ),
    ),
    (
        "Findings",
        Binding(
            "o",
            "finding(1, 'omission')",
            "Next only-in-source",
            id="next-omission",
            show=False,
            tooltip="Next content only in the source (the target dropped it)",
        ),
    ),
    (
        "Findings",
        Binding(
            "O",
            "finding(-1, 'omission')",
            "Prev only-in-source",
            id="prev-omission",
            show=False,
            tooltip="Previous content only in the source",
        ),
    ),
    (
        "Findings",
        Binding(
            "i",
            "finding(1, 'insertion')",
            "Next only-in-target",
            id="next-insertion",
            show=False,
            tooltip="Next content only in the target (the target added it)",
        ),
    ),
    (
        "Findings",
        Binding(
            "I",
            "finding(-1, 'insertion')",
            "Prev only-in-target",
            id="prev-insertion",
            show=False,
            tooltip="Previous content only in the target",
        ),
    ),
    (
        "Findings",
        Binding(
            "u",
            "finding(1, 'open')",
            "Next unreviewed",
            id="next-unreviewed",
            show=False,
            tooltip="Next finding not yet reviewed or dismissed",
        ),
    ),
    (
        "Findings",
        Binding(
            "U",
            "finding(-1, 'open')",
            "Prev unreviewed",
            id="prev-unreviewed",
            show=False,
            tooltip="Previous finding not yet reviewed or dismissed",
        ),
    ),
    (
        "Review",
        Binding(
            "s",
            "decide('reviewed')",
            "Reviewed",
            id="mark-reviewed",
            tooltip="Mark the current finding reviewed (again: reopen it)",
        ),
    ),
    (
        "Review",
        Binding(
            "x",
            "decide('dismissed')",
            "Dismiss",
            id="dismiss",
            tooltip="Dismiss the current finding as a false positive",
        ),
    ),
    (
        "Review",
        Binding(
            "X",
            "decide('open')",
            "Restore",
            id="restore",
            show=False,
            tooltip="Reopen a reviewed or dismissed finding",
        ),
    ),
    (
        "Review",
        Binding(
            "a",
            "note",
            "Note",
            id="note",
            show=False,
            tooltip="Write a note on the current finding (on a row without one: your own finding)",
        ),
    ),
    (
        "Review",
        Binding(
            "m",
            "bookmark",
            "Bookmark",
            id="bookmark",
            show=False,
            tooltip="Bookmark the current row (again: remove the bookmark)",
        ),
    ),
    (
        "Review",
        Binding(
            "apostrophe",
            "bookmark_jump(1)",
            "Next bookmark",
            id="next-bookmark",
            show=False,
            key_display="'",
        ),
    ),
    (
        "Review",
        Binding(
            "quotation_mark",
            "bookmark_jump(-1)",
            "Prev bookmark",
            id="prev-bookmark",
            show=False,
            key_display='"',
            tooltip="Previous bookmark",
        ),
    ),
    *CORRECT,
    (
        "Correct",
        Binding(
            "A",
            "sentences",
            "Sentences",
            id="sentences",
            show=False,
            tooltip="Correct the row's sentence alignment: the keys above work there",
        ),
    ),
    (
        "Search",
        Binding(
            "slash",
            "search",
            "Search",
            id="search",
            key_display="/",
            tooltip="Search both sides (case and accents count only when you type them)",
        ),
    ),
    ("Search", Binding("n", "search_step(1)", "Next match", id="search-next", show=False)),
    (
        "Search",
        Binding(
            "N",
            "search_step(-1)",
            "Prev match",
            id="search-prev",
            show=False,
            tooltip="Previous search match",
        ),
    ),
    (
        "View",
        Binding(
            "f",
            "filter",
            "Only findings",
            id="filter",
            show=False,
            tooltip="Show only rows with findings / all rows",
        ),
    ),
    (
        "View",
        Binding(
            "w",
            "wrap",
            "Wrap",
            id="wrap",
            show=False,
            tooltip="Wrap paragraphs / one line per paragraph",
        ),
    ),
    (
        "View",
        Binding(
            "l",
            "panel",
            "Findings",
            id="findings-panel",
            tooltip="Show or hide the list of findings (Tab moves into it)",
        ),
    ),
    (
        "View",
        Binding(
            "enter",
            "detail",
            "Detail",
            id="detail",
            show=False,
            tooltip="Sentence alignment, scores and findings of the row",
        ),
    ),
    (
        "View",
        Binding(
            "escape",
            "close",
            "Close",
            id="close",
            show=False,
            tooltip="Clear the search, hide the findings list",
        ),
    ),
    (
        "Targets",
        Binding(
            "t",
            "target(1)",
            "Next target",
            id="next-target",
            show=False,
            tooltip="Show the next target (transdiff SOURCE TARGET1 TARGET2 ...)",
        ),
    ),
    (
        "Targets",
        Binding(
            "T",
            "target(-1)",
            "Previous target",
            id="prev-target",
            show=False,
            tooltip="Show the previous target",
        ),
    ),
    (
        "Files",
        Binding(
            "R",
            "reload",
            "Reload",
            id="reload",
            show=False,
            tooltip="Reload the files that changed on disk (decisions on unchanged text stay)",
        ),
    ),
    (
        "Files",
        Binding(
            "v",
            "edit('target')",
            "Edit target",
            id="edit-target",
            show=False,
            tooltip="Open $EDITOR on the target file at this paragraph; reload on return",
        ),
    ),
    (
        "Files",
        Binding(
            "V",
            "edit('source')",
            "Edit source",
            id="edit-source",
            show=False,
            tooltip="Open $EDITOR on the source file at this paragraph; reload on return",
        ),
    ),
    (
        "App",
        Binding(
            "e",
            "export",
            "Export",
            id="export",
            show=False,
            tooltip="Write a report in one of the engine's formats",
        ),
    ),
    (
        "App",
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            id="help",
            key_display="?",
            tooltip="This list of keys",
        ),
    ),
    ("App", Binding("q,ctrl+q", "quit", "Quit", id="quit")),
]

BINDINGS: list[Binding] = [binding for _section, binding in KEYS]
SECTION: dict[str, str] = {binding.id or binding.action: s for s, binding in KEYS}


def key_list(spec: str) -> list[str]:
    """Textual's names of the comma-separated keys in ``spec``.

    >>> key_list(" ], ctrl+down,")
    ['right_square_bracket', 'ctrl+down']
    """
    parts = ",".join(k.strip() for k in spec.split(",") if k.strip())
    return [b.key for b in Binding.make_bindings([Binding(parts, "")])] if parts else []


def check_keymap(
    keymap: Mapping[str, str], elsewhere: Iterable[str] = ()
) -> tuple[dict[str, str], list[str]]:
    """The remaps worth applying, and what is wrong with the others.

    Unknown ids are dropped; a key taken from Quit is dropped (Textual would silently unbind it);
    a key another action also has is kept but reported, as Textual moves it to the remap.
    Ids in ``elsewhere`` (bindings of the app and of dialogs, outside the review screen's
    key space) are applied as given.

    >>> check_keymap({"bogus-id": "z", "next-finding": "q,z"})
    ({'next-finding': 'z'}, ["unknown binding id 'bogus-id'", "'q' stays Quit, not next-finding"])
    """
    problems: list[str] = []
    wanted: dict[str, list[str]] = {}
    others: dict[str, str] = {}
    known_elsewhere = set(elsewhere)
    for binding_id, spec in keymap.items():
        if binding_id in known_elsewhere and binding_id not in _BY_ID:
            if key_list(spec):
                others[binding_id] = spec
            else:
                problems.append(f"{binding_id} has no keys")
        elif binding_id not in _BY_ID:
            problems.append(f"unknown binding id {binding_id!r}")
        elif not (keys := key_list(spec)):
            problems.append(f"{binding_id} has no keys")
        else:
            wanted[binding_id] = keys
    quit_keys = set(wanted.get("quit") or key_list(_BY_ID["quit"].key))
    for binding_id, keys in wanted.items():
        if binding_id != "quit":
            problems.extend(f"{k!r} stays Quit, not {binding_id}" for k in keys if k in quit_keys)
            keys[:] = [k for k in keys if k not in quit_keys]
    wanted = {binding_id: keys for binding_id, keys in wanted.items() if keys}
    problems.extend(_clashes(wanted))
    return {binding_id: ",".join(keys) for binding_id, keys in wanted.items()} | others, problems


def _clashes(wanted: Mapping[str, list[str]]) -> list[str]:
    """Keys of a remap that another action has too, once the remaps are applied."""
    owners: dict[str, list[str]] = {}
    for binding_id, binding in _BY_ID.items():
        for key in wanted.get(binding_id) or key_list(binding.key):
            owners.setdefault(key, []).append(binding_id)
    return [
        f"{key!r} of {binding_id} is also bound to {', '.join(others)}"
        for binding_id, keys in wanted.items()
        for key in keys
        if (others := [o for o in owners[key] if o != binding_id])
    ]


_BY_ID: dict[str, Binding] = {binding.id: binding for binding in BINDINGS if binding.id}


def binding(binding_id: str) -> Binding:
    """The binding with id ``binding_id`` (other screens reuse some, ids and all)."""
    return _BY_ID[binding_id]
