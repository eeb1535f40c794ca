"""Shared helpers of the repository-level tests (plain pytest, run by pytest-odoo).

These tests are not Odoo test classes: they open the database given with
``--odoo-database`` (pytest-odoo puts it in ``odoo.tools.config['db_name']``)
through Odoo's registry (one read-only cursor per test module), read it,
and roll back.
"""

import pytest


@pytest.fixture(scope="module")
def odoo_env():
    """A superuser environment on the test database; nothing is committed."""
    import odoo
    from odoo.modules.registry import Registry

    db_name = odoo.tools.config["db_name"]
    if not db_name or "," in db_name:
        pytest.fail("give the database with the iDESK addons with --odoo-database=DB")
    registry = Registry(db_name)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            yield env
        finally:
            cr.rollback()
