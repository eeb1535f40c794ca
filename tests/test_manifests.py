"""Manifests and XML ids, checked statically and against the installed database.

``scripts/check_manifests.py`` (a quality gate) reads the files only; here the
same references are resolved in the real database given to pytest, where Odoo
loaded them, and each manifest is read by Odoo's own loader.

    .venv/bin/pytest -q --odoo-config=var/dev.conf --odoo-database=DB tests/test_manifests.py
"""

import importlib.util
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS_DIR = os.path.join(ROOT, "addons")
IDESK_ADDONS = (
    "idesk_security",
    "idesk_registry",
    "idesk_distribution",
    "idesk_reports",
    "idesk_drafting",
    "idesk_signature",
    "idesk_drafting_signature",
)


def _load_checker_module():
    path = os.path.join(ROOT, "scripts", "check_manifests.py")
    spec = importlib.util.spec_from_file_location("idesk_check_manifests", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_manifests = _load_checker_module()


class _RefCollector(check_manifests.Checker):
    """The static checker, recording every reference it resolves."""

    def __init__(self, addons_dirs):
        super().__init__(addons_dirs)
        self.references = []  # (addon, kind, xmlid, path, line)

    def resolve(self, addon, kind, ref, defined_here, path, line):
        full = ref if "." in ref else f"{addon}.{ref}"
        self.references.append((addon, kind, full, os.path.relpath(path, ROOT), line))
        return super().resolve(addon, kind, ref, defined_here, path, line)


@pytest.fixture(scope="module")
def checker():
    collector = _RefCollector([ADDONS_DIR])
    collector.run()
    return collector


def test_developer_checks_manifests_and_xml_ids_statically(checker):
    assert not checker.errors, "\n".join(checker.errors)


@pytest.mark.parametrize("addon", IDESK_ADDONS)
def test_admin_installs_addon_manifest_version_loaded(odoo_env, addon):
    from odoo.modules.module import adapt_version, get_manifest

    manifest = get_manifest(addon)
    assert manifest, f"Odoo does not find {addon} in its addons path"
    assert manifest["license"] and manifest["summary"]
    module = odoo_env["ir.module.module"].search([("name", "=", addon)])
    assert module.state == "installed", f"{addon} is {module.state or 'unknown'}"
    assert module.latest_version == adapt_version(manifest["version"]), (
        f"{addon}: database at {module.latest_version}, manifest at "
        f"{manifest['version']}: run -u {addon}"
    )
    installed_deps = set(module.dependencies_id.mapped("name"))
    assert installed_deps == set(manifest["depends"])


@pytest.mark.parametrize("addon", IDESK_ADDONS)
def test_admin_installs_addon_every_xml_id_loaded(odoo_env, checker, addon):
    """Every id defined by the data (and demo) files exists in the database."""
    module = odoo_env["ir.module.module"].search([("name", "=", addon)])
    assert module.state == "installed", f"{addon} is not installed"
    kinds = ("data", "demo") if module.demo else ("data",)
    # ids of other modules' records that the addon overrides (base.user_admin)
    # are checked as references, not here
    expected = {
        name
        for kind in kinds
        for name in checker.defined[addon][kind]
        if "." not in name
    }
    loaded = set(
        odoo_env["ir.model.data"]
        .search([("module", "=", addon), ("name", "in", list(expected))])
        .mapped("name")
    )
    missing = sorted(expected - loaded)
    assert not missing, f"{addon}: XML ids defined in files but not loaded: {missing}"


@pytest.mark.parametrize("addon", IDESK_ADDONS)
def test_admin_installs_addon_every_reference_resolves(odoo_env, checker, addon):
    module = odoo_env["ir.module.module"].search([("name", "=", addon)])
    assert module.state == "installed", f"{addon} is not installed"
    unresolved = [
        f"  {path}:{line}: {xmlid}"
        for ref_addon, kind, xmlid, path, line in checker.references
        if ref_addon == addon
        and (kind == "data" or module.demo)
        and not odoo_env.ref(xmlid, raise_if_not_found=False)
    ]
    assert not unresolved, f"{addon}: references to missing records:\n" + "\n".join(
        unresolved
    )
