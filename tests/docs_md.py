"""Reading the project's Markdown documentation for tests: links, anchors, code references,
and the tables of docs/ (for checking them against the code).

Markdown is parsed with markdown-it-py (lkj's own renderer), so code spans and fenced blocks
are never taken for links. Anchors follow GitHub's rule for heading ids.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_DOTTED = re.compile(r"lkj(?:\.[A-Za-z_]\w*)+")
_REPO_PATH = re.compile(r"(?:lkj|tests|notebooks|benchmarks|tools|docs)/[\w./-]*")
_SKIPPED_DIRS = {"build", "reports", "node_modules", "__pycache__", "narasi"}


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def documentation(root: Path) -> list[Path]:
    """Every Markdown file of the project but the analysts' prose and generated trees."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        found += [Path(folder) / f for f in sorted(files) if f.endswith(".md")]
    return found


def plain_text(inline: Token) -> str:
    """The text of an inline token as rendered (code spans without their backticks)."""
    return "".join(
        child.content for child in inline.children or [] if child.type in ("text", "code_inline")
    )


def slug(text: str) -> str:
    """GitHub's id of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


@cache
def _parse(path: Path) -> tuple[Token, ...]:
    return tuple(_md().parse(path.read_text(encoding="utf-8")))


def anchors(path: Path) -> set[str]:
    """The ids of the headings of a Markdown file (a repeated heading gets -1, -2, …)."""
    tokens = _parse(path)
    seen: dict[str, int] = {}
    result = set()
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            base = slug(plain_text(tokens[i + 1]))
            n = seen.get(base, 0)
            seen[base] = n + 1
            result.add(base if n == 0 else f"{base}-{n}")
    return result


def _inline_children(path: Path) -> list[Token]:
    return [c for t in _parse(path) if t.type == "inline" for c in t.children or []]


def links(path: Path) -> list[str]:
    """The targets of the links and images of a Markdown file, in order."""
    result = []
    for child in _inline_children(path):
        if child.type == "link_open":
            result.append(str(child.attrs.get("href", "")))
        elif child.type == "image":
            result.append(str(child.attrs.get("src", "")))
    return result


def code_spans(path: Path) -> list[str]:
    """The contents of the inline code spans of a Markdown file."""
    return [c.content for c in _inline_children(path) if c.type == "code_inline"]


def _defined(body: list[ast.stmt]) -> dict[str, ast.stmt]:
    """Names bound at the top of a module or class body."""
    names: dict[str, ast.stmt] = {}
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    return names


def resolve_dotted(name: str, root: Path) -> str | None:
    """Why ``lkj.module.Name.attr`` names nothing in ``root``'s sources; None when it does.

    The longest prefix that is a module (``lkj/a/b.py`` or a package) must be followed by
    nothing, a name bound in that module, and optionally a name bound in that class's body.
    """
    parts = name.split(".")
    for n in range(len(parts), 0, -1):
        base = root.joinpath(*parts[:n])
        source = base.with_suffix(".py")
        if not source.is_file() and (base / "__init__.py").is_file():
            source = base / "__init__.py"
        if source.is_file():
            break
    else:
        return f"`{name}`: no such module"
    rest = parts[n:]
    if not rest:
        return None
    if len(rest) > 2:
        return f"`{name}`: too deep to check; name a module, a name in it, or its attribute"
    names = _defined(ast.parse(source.read_text(encoding="utf-8")).body)
    node = names.get(rest[0])
    if node is None:
        return f"`{name}`: {source.relative_to(root)} defines no {rest[0]}"
    if len(rest) == 2 and (
        not isinstance(node, ast.ClassDef) or rest[1] not in _defined(node.body)
    ):
        return f"`{name}`: {rest[0]} has no {rest[1]}"
    return None


def problems(path: Path, root: Path) -> list[str]:
    """Broken relative links and anchors, and code references that name nothing."""
    found = []
    for target in links(path):
        if not target or _SCHEME.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            found.append(f"link {target!r}: {file_part} does not exist")
        elif anchor:
            if linked.suffix != ".md":
                found.append(f"link {target!r}: an anchor into a file that is not Markdown")
            elif anchor not in anchors(linked):
                found.append(f"link {target!r}: {linked.name} has no heading #{anchor}")
    for span in code_spans(path):
        if _DOTTED.fullmatch(span):
            why = resolve_dotted(span, root)
            if why:
                found.append(why)
        elif _REPO_PATH.fullmatch(span) and not (root / span).exists():
            found.append(f"`{span}`: no such file or folder")
    return found


@dataclass
class Section:
    """A heading of a Markdown file, and the tables and code spans under it."""

    title: str
    rows: list[list[Token]] = field(default_factory=list)  # body rows, an inline token per cell
    codes: list[str] = field(default_factory=list)


def sections(path: Path) -> dict[str, Section]:
    """``{heading as rendered: Section}``, each holding what comes before the next heading."""
    tokens = _parse(path)
    result: dict[str, Section] = {}
    current = Section("")
    row: list[Token] | None = None
    head = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            title = plain_text(tokens[i + 1])
            current = result.setdefault(title, Section(title))
        elif token.type in ("thead_open", "thead_close"):
            head = token.type == "thead_open"
        elif token.type == "tr_open" and not head:
            row = []
        elif token.type == "tr_close" and row is not None:
            current.rows.append(row)
            row = None
        elif token.type == "inline" and row is not None:
            row.append(token)
        elif token.type == "inline" and tokens[i - 1].type != "heading_open":
            current.codes += [c.content for c in token.children or [] if c.type == "code_inline"]
    return result


def first_column(section: Section) -> list[tuple[list[str], str]]:
    """The body rows of a section's tables: the code spans of the first cell (`a` … `a_tw4`
    expanded to the four quarters), and the text of the last cell."""
    result = []
    for row in section.rows:
        names = [c.content for c in row[0].children or [] if c.type == "code_inline"]
        expanded: list[str] = []
        for name in names:
            quarter = re.fullmatch(r"(\w+)_tw4", name)
            if quarter and expanded and expanded[-1] == f"{quarter[1]}_tw1":
                expanded += [f"{quarter[1]}_tw{q}" for q in (2, 3, 4)]
            else:
                expanded.append(name)
        result.append((expanded, plain_text(row[-1])))
    return result
