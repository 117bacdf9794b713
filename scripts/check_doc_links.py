#!/usr/bin/env python3
"""Lists the DocC symbol links (``Name``, ``Type/member(label:)``) in doc comments under
Sources/ whose symbol is not declared in the same module, so a rename or a removal does not
leave doc comments pointing at nothing. DocC resolves a link within the module being
documented: a symbol of another module, even a dependency, is a broken link there (write it
as code, `Type.member`, instead). Approximate by design: a link counts as found when every
path component names a declaration of the module (a type, a function with the same argument
labels, a property or a case); it does not check that a member belongs to that exact type.
Prints the broken links and exits 1 when there are any.

    scripts/check_doc_links.py [--skip MODULE]...
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINK = re.compile(r"``([^`]+)``")
TYPE = re.compile(r"\b(?:struct|class|enum|protocol|actor|typealias|extension|associatedtype)\s+([A-Za-z_][\w.]*)")
FUNC = re.compile(r"\b(?:func\s+([A-Za-z_]\w*|[^\s(<]+)|(init|subscript)[?!]?)\s*(?:<[^>{]*>)?\s*\(")
VALUE = re.compile(r"\b(?:var|let)\s+([A-Za-z_]\w*)")
CASE = re.compile(r"^\s*(?:indirect\s+)?case\s+([^=:(]+?)(?:\(|=|$)", re.M)


def labels(text, start):
    """The argument labels of the parameter list opening at text[start] == '(' as 'a:_:b:'."""
    depth, i, current, parts = 0, start, "", []
    while i < len(text):
        c = text[i]
        if c in "([<":
            depth += 1
            if depth > 1:
                current += c
        elif c in ")]>":
            depth -= 1
            if depth == 0:
                break
            current += c
        elif c == "," and depth == 1:
            parts.append(current)
            current = ""
        else:
            current += c
        i += 1
    if current.strip():
        parts.append(current)
    result = ""
    for part in parts:
        head = part.split(":", 1)[0].split()
        head = [word for word in head if not word.startswith("@") and word not in ("inout", "borrowing", "consuming")]
        if head:
            result += head[0] + ":"
    return result


def module_of(path):
    return path.relative_to(ROOT / "Sources").parts[0]


def declarations(module):
    names, functions = {module}, set()
    for path in (ROOT / "Sources" / module).rglob("*.swift"):
        text = path.read_text(encoding="utf-8")
        for match in TYPE.finditer(text):
            names.update(match.group(1).split("."))
        for match in VALUE.finditer(text):
            names.add(match.group(1))
        for match in CASE.finditer(text):
            for case in match.group(1).split(","):
                names.add(case.strip().split("(")[0].strip())
        for match in FUNC.finditer(text):
            name = match.group(1) or match.group(2)
            names.add(name)
            functions.add(f"{name}({labels(text, match.end() - 1)})")
    return names, functions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip", action="append", default=[], help="a module (folder of Sources) not to report on")
    skip = set(parser.parse_args().skip)
    broken = 0
    modules = {}
    for path in sorted((ROOT / "Sources").rglob("*.swift")):
        module = module_of(path)
        if module in skip:
            continue
        if module not in modules:
            modules[module] = declarations(module)
        names, functions = modules[module]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("///"):
                continue
            for link in LINK.findall(line):
                parts = link.split("/")
                found = all(part in names for part in parts[:-1])
                last = parts[-1]
                if "(" in last:
                    found = found and last in functions
                else:
                    found = found and last in names
                if not found:
                    broken += 1
                    print(f"{path.relative_to(ROOT)}:{number}: ``{link}`` names nothing declared in {module}")
    print(f"{broken} broken link(s)" if broken else "every DocC link names a declaration")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
