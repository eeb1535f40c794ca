"""Every translatable term of each iDESK addon has a Vietnamese translation.

The terms are exported from the real database given to pytest (the addons
installed), with Odoo's own exporter (the one behind ``--i18n-export``), and
looked up in the addon's ``i18n/vi.po``.

    .venv/bin/pytest -q --odoo-config=var/dev.conf --odoo-database=DB tests/test_translations.py
"""

import logging
import os
import re

import polib
import pytest

ADDONS_DIR = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addons"
)
IDESK_ADDONS = (
    "idesk_security",
    "idesk_registry",
    "idesk_distribution",
    "idesk_reports",
    "idesk_drafting",
    "idesk_signature",
    "idesk_drafting_signature",
)
PLACEHOLDER_RE = re.compile(r"%\([A-Za-z_]\w*\)[sdrf]|%[sdrf]|\{[A-Za-z_]\w*\}")


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _exported_terms(env, addon):
    """{msgid: [locations]} of the addon, as Odoo writes them into the .pot.

    Odoo's exporter logs "Failed to extract terms from <file>" and silently drops
    every term of a file it cannot parse: that is a failure here.
    """
    from odoo.tools.translate import TranslationModuleReader

    collector = _ErrorCollector()
    translate_logger = logging.getLogger("odoo.tools.translate")
    translate_logger.addHandler(collector)
    try:
        rows = list(TranslationModuleReader(env.cr, modules=[addon]))
    finally:
        translate_logger.removeHandler(collector)
    assert not collector.messages, (
        f"Odoo cannot extract the terms of {addon} (they would never be translated):\n"
        + "\n".join(collector.messages)
    )
    terms = {}
    for module, ttype, name, res_id, source, _value, _comments in rows:
        if module != addon:
            continue
        where = f"{ttype}:{name}" + (f":{res_id}" if res_id else "")
        terms.setdefault(source, []).append(where)
    return terms


def _vi_po(addon):
    path = os.path.join(ADDONS_DIR, addon, "i18n", "vi.po")
    if not os.path.isfile(path):
        pytest.fail(f"{addon}: {os.path.relpath(path)} is missing")
    return path, polib.pofile(path)


@pytest.mark.parametrize("addon", IDESK_ADDONS)
def test_translator_reads_addon_every_term_translated_in_vi(odoo_env, addon):
    module = odoo_env["ir.module.module"].search([("name", "=", addon)])
    if module.state != "installed":
        pytest.fail(f"{addon} is not installed in database {odoo_env.cr.dbname}")
    terms = _exported_terms(odoo_env, addon)
    path, po = _vi_po(addon)
    translated = {
        entry.msgid: entry.msgstr
        for entry in po
        if not entry.obsolete and "fuzzy" not in entry.flags and entry.msgstr.strip()
    }
    missing = sorted(term for term in terms if term not in translated)
    report = "\n".join(
        f"  - {term!r}  ({', '.join(terms[term][:2])})" for term in missing
    )
    assert not missing, (
        f"{len(missing)} of {len(terms)} terms of {addon} have no Vietnamese msgstr in "
        f"{os.path.relpath(path)} (regenerate the .pot with --i18n-export and translate):\n"
        f"{report}"
    )
    # Odoo merges vi.po with the .pot when it reads the messages of the code:
    # a term missing from the .pot is dropped and shown in English.
    pot_path = os.path.join(ADDONS_DIR, addon, "i18n", f"{addon}.pot")
    in_pot = {entry.msgid for entry in polib.pofile(pot_path)}
    stale = sorted(term for term in terms if term not in in_pot)
    assert not stale, (
        f"{len(stale)} terms of {addon} are missing from {os.path.relpath(pot_path)}: "
        "Odoo would show them in English (regenerate it with --i18n-export):\n"
        + "\n".join(f"  - {term!r}" for term in stale)
    )


@pytest.mark.parametrize("addon", IDESK_ADDONS)
def test_translator_reads_vi_po_header_and_placeholders_match(addon):
    path, po = _vi_po(addon)
    language = po.metadata.get("Language", "")
    assert language in ("vi", "vi_VN"), (
        f"{os.path.relpath(path)}: header 'Language: vi' expected, got {language!r}"
    )
    wrong = []
    for entry in po:
        if entry.obsolete or not entry.msgstr:
            continue
        source = sorted(PLACEHOLDER_RE.findall(entry.msgid))
        target = sorted(PLACEHOLDER_RE.findall(entry.msgstr))
        if source != target:
            wrong.append(f"  - {entry.msgid!r}: {source} -> {entry.msgstr!r}: {target}")
    assert not wrong, (
        f"{os.path.relpath(path)}: the Vietnamese text must keep the placeholders of "
        "the English one (Odoo formats the translation with the same values):\n"
        + "\n".join(wrong)
    )
