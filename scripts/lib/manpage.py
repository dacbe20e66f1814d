#!/usr/bin/env python3
"""Writes the man page s3play(1) to stdout, in man(7) roff.

Usage: manpage.py DUMP_HELP_JSON USAGE_MD VERSION

The command reference (synopsis, every subcommand with its options) comes from the command
declarations themselves: `s3play --experimental-dump-help`, swift-argument-parser's description
of the command tree, the same source `--help` and the shell completions are made from. The
prose sections come from docs/usage.md, so the page, `--help` and the docs cannot drift apart.
"""
import json
import re
import sys


def escape(text):
    """Roff-safe text: backslashes doubled, hyphens kept literal, no line starting a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line[:1] in (".", "'") else line for line in text.split("\n"))


def inline(text):
    """Markdown inline markup to roff fonts: `code` and **bold** bold, *emphasis* italic, links as text."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    parts = re.split(r"(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append("\\fB" + escape(part[1:-1]) + "\\fR")
        elif part.startswith("**") and part.endswith("**") and len(part) > 3:
            out.append("\\fB" + escape(part[2:-2]) + "\\fR")
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append("\\fI" + escape(part[1:-1]) + "\\fR")
        else:
            out.append(escape(part))
    return "".join(out)


def markdown_to_roff(markdown):
    """The subset of Markdown docs/usage.md uses: headings, paragraphs, lists, code, tables."""
    lines = markdown.split("\n")
    out = []
    paragraph = []
    i = 0

    def flush():
        if paragraph:
            out.append(".PP")
            out.append(inline(" ".join(s.strip() for s in paragraph)))
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            flush()
            i += 1
            out.append(".PP")
            out.append(".nf")
            out.append(".RS 4")
            while i < len(lines) and not lines[i].startswith("```"):
                out.append(escape(lines[i]) if lines[i] else "")
                i += 1
            out.append(".RE")
            out.append(".fi")
        elif line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            title = line.lstrip("#").strip()
            if level <= 1:
                pass  # The page's own title; the man page has NAME for that.
            elif level == 2:
                out.append(".SH " + escape(title.upper()))
            else:
                out.append(".SS " + escape(title))
        elif line.lstrip().startswith(("- ", "* ")) or re.match(r"^\s*\d+\. ", line):
            flush()
            item = [re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line)]
            while i + 1 < len(lines) and lines[i + 1].startswith("  ") and lines[i + 1].strip() \
                    and not re.match(r"^\s*(?:[-*]|\d+\.)\s+", lines[i + 1]):
                i += 1
                item.append(lines[i].strip())
            out.append(".IP \\(bu 2")
            out.append(inline(" ".join(item)))
        elif line.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                    rows.append(cells)
                i += 1
            i -= 1
            out.append(".PP")
            for row in rows:
                out.append(".IP \\(bu 2")
                out.append(inline(" \\(em ".join(c for c in row if c)))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line)
        i += 1
    flush()
    return "\n".join(out)


def option_label(argument):
    names = argument.get("names") or []
    spelled = ["-" + n["name"] if n["kind"] == "short" else "--" + n["name"] for n in names]
    label = ", ".join("\\fB" + escape(s) + "\\fR" for s in spelled)
    if argument["kind"] == "option":
        label += " \\fI" + escape(argument.get("valueName", "value")) + "\\fR"
    if argument["kind"] == "positional":
        label = "\\fI" + escape(argument.get("valueName", "argument")) + "\\fR"
        if argument.get("isRepeating"):
            label += " ..."
    return label


def command_section(command, path):
    out = []
    name = " ".join(path)
    out.append(".SS " + escape(name))
    if command.get("abstract"):
        out.append(inline(command["abstract"]))
    if command.get("discussion"):
        out.append(".PP")
        out.append(inline(command["discussion"]))
    for argument in command.get("arguments") or []:
        if not argument.get("shouldDisplay", True):
            continue
        if argument.get("names") and any(n["name"] in ("help", "version") for n in argument["names"]):
            continue
        out.append(".TP")
        out.append(option_label(argument))
        text = argument.get("abstract", "")
        if argument.get("defaultValue"):
            text += " (default: " + argument["defaultValue"] + ")"
        out.append(inline(text) if text else "")
        if argument.get("discussion"):
            out.append(inline(argument["discussion"]))
    for sub in command.get("subcommands") or []:
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            out.extend(command_section(sub, path + [sub["commandName"]]))
    return out


def main():
    dump_path, usage_path, version = sys.argv[1:4]
    with open(dump_path) as f:
        root = json.load(f)["command"]
    with open(usage_path) as f:
        usage = f.read()
    subcommands = [s for s in root.get("subcommands") or [] if s["commandName"] != "help"]
    out = [
        '.\\" Made by scripts/install from `s3play --experimental-dump-help` and docs/usage.md.',
        ".TH S3PLAY 1 \"\" \"s3play " + escape(version) + "\" \"User Commands\"",
        ".SH NAME",
        "s3play \\- " + escape(root.get("abstract", "a terminal music player for S3")),
        ".SH SYNOPSIS",
        ".B s3play",
        "[\\fIcommand\\fR] [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        inline(root.get("discussion") or root.get("abstract", "")),
        ".PP",
        "Commands: " + ", ".join("\\fB" + escape(s["commandName"]) + "\\fR" for s in subcommands) + ".",
        "\\fBs3play help\\fR \\fIcommand\\fR or \\fBs3play\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR shows the same help as below.",
        ".SH COMMANDS",
    ]
    for sub in subcommands:
        out.extend(command_section(sub, ["s3play", sub["commandName"]]))
    out.append(markdown_to_roff(usage))
    out.append(".SH SEE ALSO")
    out.append("The documentation in the source tree: \\fIdocs/usage.md\\fR, \\fIdocs/cli.md\\fR, "
               "\\fIdocs/configuration.md\\fR.")
    print("\n".join(line for line in out if line is not None))


if __name__ == "__main__":
    main()
