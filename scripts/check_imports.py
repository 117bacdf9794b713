#!/usr/bin/env python3
"""Every module imports only what Package.swift says it depends on.

For each target, lists the `import X` statements of its Swift sources and fails when X is
neither a dependency the target declares (a target of this package, or a module of a product
it names) nor a module the toolchain or the system provides (Foundation, Glibc, XCTest, ...).
A module that compiles only because another dependency happens to build it first is a
finding: declare it. Run from anywhere; it reads the manifest with `swift package`.
"""
import concurrent.futures
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Modules that come with the toolchain or the operating system, never from Package.swift.
SYSTEM_MODULES = {
    "Swift", "_Concurrency", "_StringProcessing", "Synchronization", "Observation", "RegexBuilder", "Distributed",
    "Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking", "FoundationXML",
    "CoreFoundation", "Dispatch", "Glibc", "Musl", "Bionic", "Android", "WASILibc", "Darwin", "ucrt", "WinSDK",
    "os", "XCTest", "Testing", "PackagePlugin", "PackageDescription",
}

IMPORT = re.compile(
    r"^\s*(?:@[\w]+(?:\([^)]*\))?\s+)*"            # @testable, @preconcurrency, @_exported ...
    r"(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
    r"([A-Za-z_][A-Za-z0-9_]*)")


def swift_package(*arguments):
    return json.loads(subprocess.run(
        ["swift", "package", "--package-path", str(ROOT), *arguments],
        check=True, capture_output=True, text=True).stdout)


def product_modules():
    """(package identity, product name) → the modules the product vends, from each dependency's
    own manifest."""
    dependencies = swift_package("show-dependencies", "--format", "json")["dependencies"]

    def dump(dependency):
        return dependency, json.loads(subprocess.run(
            ["swift", "package", "--package-path", dependency["path"], "dump-package"],
            check=True, capture_output=True, text=True).stdout)

    modules = {}
    with concurrent.futures.ThreadPoolExecutor() as pool:
        for dependency, manifest in pool.map(dump, dependencies):
            for product in manifest["products"]:
                modules[(dependency["identity"].lower(), product["name"])] = set(product["targets"])
    return modules


def target_folder(target):
    if target.get("path"):
        return ROOT / target["path"]
    kind = target["type"]
    return ROOT / ("Tests" if kind == "test" else "Plugins" if kind == "plugin" else "Sources") / target["name"]


def imports(folder):
    """module → the first place it is imported, for every Swift file under `folder`."""
    found = {}
    for path in sorted(folder.rglob("*.swift")):
        in_comment = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if in_comment:
                in_comment = "*/" not in stripped
                continue
            if stripped.startswith("/*"):
                in_comment = "*/" not in stripped
                continue
            match = IMPORT.match(line)
            if match:
                found.setdefault(match.group(1), f"{path.relative_to(ROOT)}:{number}")
    return found


def main():
    manifest = swift_package("dump-package")
    products = product_modules()
    local = {target["name"] for target in manifest["targets"]}
    findings = []
    for target in manifest["targets"]:
        declared = set()
        for dependency in target["dependencies"]:
            if "byName" in dependency:
                declared.add(dependency["byName"][0])
            elif "target" in dependency:
                declared.add(dependency["target"][0])
            elif "product" in dependency:
                name, package = dependency["product"][0], dependency["product"][1]
                declared |= products.get(((package or name).lower(), name), {name})
        for module, place in sorted(imports(target_folder(target)).items()):
            if module in declared or module in SYSTEM_MODULES or module == target["name"]:
                continue
            what = "a target of this package" if module in local else "not a declared product's module"
            findings.append(f"{place}: {target['name']} imports {module} ({what}) without declaring it")
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} undeclared import(s): add them to the target's dependencies in Package.swift")
        return 1
    print(f"imports match Package.swift in all {len(manifest['targets'])} targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
