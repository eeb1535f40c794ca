#!/usr/bin/env python3
"""Check the manifests of iDESK's addons and the XML ids their data files use.

Usage: python scripts/check_manifests.py [addons_dir ...]   (default: addons/)

For every addon (a folder with ``__manifest__.py``) it checks that:

* the manifest is a plain dict literal with only keys Odoo 18 knows, the
  mandatory ones set (name, summary, version, license, author, category,
  depends), ``version`` of the form ``18.0.x.y.z``, an allowed ``license``;
* every file of ``data``/``demo`` exists, is listed once, and parses (XML with
  an ``<odoo>`` root, CSV with an ``id`` column);
* the addon has ``readme/DESCRIPTION.md``, ``static/description/icon.png``,
  ``i18n/<addon>.pot`` and ``i18n/vi.po``; every other iDESK addon depends
  (at least indirectly) on ``idesk_security``;
* every XML id *referenced* by a data file (``ref=``, ``eval="ref('x')"``,
  ``parent=``, ``action=``, ``groups=``, ``inherit_id=``, ``%(x)d``, CSV
  ``*:id`` columns) exists when Odoo loads that file: defined earlier in the
  same addon (data files never see demo ids), in an iDESK addon it depends
  on, or, for Odoo's own modules, in Odoo's source when ``odoo`` is
  importable (skipped with a note otherwise).

Exits 1 and prints ``path: message`` lines when something is wrong. It only
reads files: no database, no Odoo registry, so it runs as a pre-commit hook.
"""

import ast
import csv
import os
import re
import sys
import xml.etree.ElementTree as ET

# Keys accepted by odoo/modules/module.py (_DEFAULT_MANIFEST + mandatory ones)
# plus the OCA keys that Odoo ignores but that tools read.
KNOWN_KEYS = {
    "application", "assets", "author", "auto_install", "bootstrap", "category",
    "cloc_exclude", "countries", "data", "demo", "depends", "description",
    "external_dependencies", "icon", "images", "installable", "license", "name",
    "post_init_hook", "post_load", "pre_init_hook", "sequence", "summary",
    "uninstall_hook", "version", "website",
    # OCA conventions (read by oca-gen-addon-readme, pylint-odoo)
    "development_status", "maintainers",
}  # fmt: skip
REQUIRED_KEYS = (
    "name",
    "summary",
    "version",
    "license",
    "author",
    "category",
    "depends",
)
# Licenses of ir.module.module's `license` selection that fit iDESK (open source).
ALLOWED_LICENSES = {"LGPL-3", "AGPL-3", "GPL-3", "GPL-3 or any later version"}
VERSION_RE = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
XMLID_RE = r"[A-Za-z_][\w]*(?:\.[\w]+)?"
EVAL_REF_RE = re.compile(r"""\bref\(\s*['"](""" + XMLID_RE + r""")['"]\s*\)""")
PERCENT_REF_RE = re.compile(r"%\((" + XMLID_RE + r")\)d")
# Ids Odoo creates itself from Python declarations: model_x_y, field_x_y__z, ...
AUTO_ID_PREFIXES = ("model_", "field_", "selection__", "constraint_")
BASE_ADDON = "idesk_security"


class Checker:
    def __init__(self, addons_dirs):
        self.errors = []
        self.notes = []
        self.addons = {}  # name -> path
        for addons_dir in addons_dirs:
            for name in sorted(os.listdir(addons_dir)):
                path = os.path.join(addons_dir, name)
                if os.path.isfile(os.path.join(path, "__manifest__.py")):
                    self.addons[name] = path
        self.manifests = {}
        self.defined = {}  # addon -> {"data": set(), "demo": set()}
        self._odoo_ids = None

    # ------------------------------------------------------------ helpers
    def error(self, path, message):
        self.errors.append(f"{os.path.relpath(path)}: {message}")

    def odoo_addons_paths(self):
        try:
            import odoo
        except ImportError:
            return []
        root = os.path.dirname(os.path.abspath(odoo.__file__))
        paths = [
            os.path.join(root, "addons"),
            os.path.join(os.path.dirname(root), "addons"),
        ]
        return [p for p in paths if os.path.isdir(p)]

    def odoo_module_ids(self, module):
        """Ids defined by an Odoo module (textual scan of its data and models)."""
        if self._odoo_ids is None:
            self._odoo_ids = {}
            self._odoo_paths = self.odoo_addons_paths()
        if module not in self._odoo_ids:
            ids = set()
            for base in self._odoo_paths:
                mod_path = os.path.join(base, module)
                if not os.path.isdir(mod_path):
                    continue
                for folder, _dirs, files in os.walk(mod_path):
                    for fname in files:
                        fpath = os.path.join(folder, fname)
                        if fname.endswith(".xml"):
                            with open(fpath, encoding="utf-8", errors="replace") as f:
                                text = f.read()
                            for xid in re.findall(r'\bid="([\w.]+)"', text):
                                ids.add(xid.split(".", 1)[1] if "." in xid else xid)
                        elif fname.endswith(".csv"):
                            with open(fpath, encoding="utf-8", errors="replace") as f:
                                for row in csv.reader(f):
                                    if row:
                                        ids.add(row[0].split(".")[-1])
                        elif fname.endswith(".py"):
                            with open(fpath, encoding="utf-8", errors="replace") as f:
                                text = f.read()
                            for model in re.findall(
                                r"""_name\s*=\s*['"]([\w.]+)['"]""", text
                            ):
                                ids.add("model_" + model.replace(".", "_"))
            self._odoo_ids[module] = ids
        return self._odoo_ids[module]

    def depends_closure(self, addon):
        seen, todo = set(), list(self.manifests.get(addon, {}).get("depends", []))
        while todo:
            dep = todo.pop()
            if dep in seen:
                continue
            seen.add(dep)
            todo.extend(self.manifests.get(dep, {}).get("depends", []))
        return seen

    def python_models(self, addon):
        models = set()
        for folder, _dirs, files in os.walk(self.addons[addon]):
            for fname in files:
                if fname.endswith(".py"):
                    with open(os.path.join(folder, fname), encoding="utf-8") as f:
                        models.update(
                            re.findall(r"""_name\s*=\s*['"]([\w.]+)['"]""", f.read())
                        )
        return models

    # ----------------------------------------------------------- manifest
    def load_manifest(self, addon):
        path = os.path.join(self.addons[addon], "__manifest__.py")
        with open(path, encoding="utf-8") as f:
            source = f.read()
        try:
            manifest = ast.literal_eval(source)
        except (SyntaxError, ValueError) as exc:
            self.error(path, f"not a plain dict literal: {exc}")
            return None
        if not isinstance(manifest, dict):
            self.error(path, "the manifest must be a dict")
            return None
        for key in sorted(set(manifest) - KNOWN_KEYS):
            self.error(path, f"unknown manifest key {key!r}")
        for key in REQUIRED_KEYS:
            if not manifest.get(key):
                self.error(path, f"missing or empty manifest key {key!r}")
        version = manifest.get("version", "")
        if version and not VERSION_RE.match(str(version)):
            self.error(path, f"version {version!r} is not of the form 18.0.x.y.z")
        license_ = manifest.get("license")
        if license_ and license_ not in ALLOWED_LICENSES:
            self.error(path, f"license {license_!r} not in {sorted(ALLOWED_LICENSES)}")
        for key in ("data", "demo", "depends"):
            value = manifest.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(v, str) for v in value
            ):
                self.error(path, f"{key!r} must be a list of strings")
                manifest[key] = []
        if manifest.get("installable", True) is not True:
            self.error(path, "iDESK addons must be installable")
        return manifest

    def check_layout(self, addon):
        path = self.addons[addon]
        for rel in (
            "readme/DESCRIPTION.md",
            "static/description/icon.png",
            f"i18n/{addon}.pot",
            "i18n/vi.po",
        ):
            if not os.path.isfile(os.path.join(path, rel)):
                self.error(os.path.join(path, rel), "missing")
        manifest = self.manifests[addon]
        for dep in manifest["depends"]:
            if dep.startswith("idesk_") and dep not in self.addons:
                self.error(
                    os.path.join(path, "__manifest__.py"),
                    f"depends on unknown addon {dep!r}",
                )
        if (
            addon != BASE_ADDON
            and BASE_ADDON in self.addons
            and BASE_ADDON not in self.depends_closure(addon)
        ):
            self.error(
                os.path.join(path, "__manifest__.py"),
                f"must depend (directly or not) on {BASE_ADDON}",
            )
        if addon in self.depends_closure(addon):
            self.error(os.path.join(path, "__manifest__.py"), "circular dependency")

    # ------------------------------------------------------------ xml ids
    def resolve(self, addon, kind, ref, defined_here, path, line):
        """Report `ref` unless Odoo can resolve it while loading `path`."""
        if "." in ref:
            module, name = ref.split(".", 1)
        else:
            module, name = addon, ref
        kinds = ("data",) if kind == "data" else ("data", "demo")
        if module == addon:
            if name in defined_here:
                return
            if name.startswith(AUTO_ID_PREFIXES) and self._auto_id_ok(addon, name):
                return
            if any(name in self.defined[addon][k] for k in kinds):
                self.error(
                    path, f"line {line}: {ref!r} is used before the file defining it"
                )
            else:
                self.error(
                    path, f"line {line}: XML id {ref!r} is not defined in {addon}"
                )
            return
        if module in self.addons:
            if module not in self.depends_closure(addon):
                self.error(
                    path, f"line {line}: {ref!r} belongs to {module}, not a dependency"
                )
            elif not (
                any(name in self.defined[module][k] for k in kinds)
                or (
                    name.startswith(AUTO_ID_PREFIXES) and self._auto_id_ok(module, name)
                )
            ):
                self.error(
                    path, f"line {line}: XML id {ref!r} is not defined in {module}"
                )
            return
        # a module of Odoo itself
        ids = self.odoo_module_ids(module)
        if not self._odoo_paths:
            note = "odoo is not importable: XML ids of Odoo's own modules not checked"
            if note not in self.notes:
                self.notes.append(note)
            return
        if name not in ids and not name.startswith(AUTO_ID_PREFIXES[1:]):
            self.error(
                path, f"line {line}: XML id {ref!r} not found in Odoo's {module}"
            )

    def _auto_id_ok(self, addon, name):
        if name.startswith("model_"):
            candidates = {m.replace(".", "_") for m in self.python_models(addon)}
            return name[len("model_") :] in candidates
        return True  # field_/selection__/constraint_ ids: not worth a Python parse

    def xml_refs(self, element):
        """(reference, line) pairs used by one element (not its children)."""
        refs = []
        line = getattr(element, "sourceline", None) or "?"
        attrib = element.attrib
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "field" and attrib.get("ref"):
            refs.append(attrib["ref"])
        if tag == "menuitem":
            refs += [attrib[k] for k in ("parent", "action") if attrib.get(k)]
        if tag == "template" and attrib.get("inherit_id"):
            refs.append(attrib["inherit_id"])
        if attrib.get("groups"):
            refs += [
                g.strip().lstrip("!") for g in attrib["groups"].split(",") if g.strip()
            ]
        for key, value in attrib.items():
            if key == "eval" or key.startswith("t-"):
                refs += EVAL_REF_RE.findall(value)
            refs += PERCENT_REF_RE.findall(value)
        if element.text:
            refs += PERCENT_REF_RE.findall(element.text)
        return [(r, line) for r in refs]

    def scan_file(self, addon, kind, rel, check_refs, defined_here):
        path = os.path.join(self.addons[addon], rel)
        if rel.endswith(".xml"):
            parser = ET.XMLParser()
            try:
                tree = ET.parse(path, parser=parser)
            except ET.ParseError as exc:
                self.error(path, f"invalid XML: {exc}")
                return
            root = tree.getroot()
            if root.tag != "odoo":
                self.error(path, f"root element is <{root.tag}>, expected <odoo>")
            # ElementTree has no line numbers: find them in the text.
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for element in root.iter():
                xid = element.attrib.get("id") if element.tag in (
                    "record", "template", "menuitem", "report", "act_window"
                ) else None  # fmt: skip
                if check_refs:
                    for ref, _line in self.xml_refs(element):
                        line = _line_of(text, ref)
                        self.resolve(addon, kind, ref, defined_here, path, line)
                if xid:
                    name = xid.split(".", 1)[1] if xid.startswith(addon + ".") else xid
                    defined_here.add(name)
        elif rel.endswith(".csv"):
            with open(path, encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            if not rows or "id" not in rows[0]:
                self.error(path, "CSV data files need an 'id' column")
                return
            header = rows[0]
            id_col = header.index("id")
            ref_cols = [i for i, h in enumerate(header) if h.endswith(":id")]
            for number, row in enumerate(rows[1:], start=2):
                if not row:
                    continue
                if check_refs:
                    for i in ref_cols:
                        if i < len(row) and row[i]:
                            self.resolve(
                                addon, kind, row[i], defined_here, path, number
                            )
                if id_col < len(row):
                    defined_here.add(row[id_col])

    def check_data(self, addon, check_refs):
        """First pass collects ids (check_refs False), second pass checks refs."""
        manifest = self.manifests[addon]
        defined_here = set()
        for kind in ("data", "demo"):
            files = manifest.get(kind, [])
            if not check_refs:
                for rel in sorted({f for f in files if files.count(f) > 1}):
                    self.error(self.addons[addon], f"{rel} listed twice in {kind!r}")
            if kind == "demo":
                self.defined[addon]["data"] = set(defined_here)
            for rel in files:
                if not os.path.isfile(os.path.join(self.addons[addon], rel)):
                    if not check_refs:
                        self.error(
                            os.path.join(self.addons[addon], rel),
                            f"{kind} file missing",
                        )
                    continue
                self.scan_file(addon, kind, rel, check_refs, defined_here)
        if not check_refs:
            self.defined[addon]["demo"] = defined_here - self.defined[addon]["data"]

    # ---------------------------------------------------------------- run
    def run(self):
        if not self.addons:
            self.errors.append("no addon found")
            return
        for addon in self.addons:
            manifest = self.load_manifest(addon)
            if manifest is not None:
                self.manifests[addon] = manifest
        for addon in self.manifests:
            self.defined[addon] = {"data": set(), "demo": set()}
            self.check_layout(addon)
            self.check_data(addon, check_refs=False)
        for addon in self.manifests:
            self.check_data(addon, check_refs=True)


def _line_of(text, ref):
    index = text.find(ref)
    return text.count("\n", 0, index) + 1 if index >= 0 else "?"


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dirs = argv or [os.path.join(root, "addons")]
    checker = Checker(dirs)
    checker.run()
    for note in checker.notes:
        print(f"note: {note}")
    for error in checker.errors:
        print(error)
    if checker.errors:
        print(
            f"{len(checker.errors)} manifest/XML id problem(s) in {len(checker.addons)} addons"
        )
        return 1
    print(f"manifests and XML ids of {len(checker.addons)} addons: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
