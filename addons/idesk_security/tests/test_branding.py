import importlib.util
import os

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

# The user menu lists its entries as <a data-menu="id">: none leads to odoo.com.
CHECK = """
(async () => {
    document.querySelector('.o_user_menu button, .o_user_menu .dropdown-toggle').click();
    for (let tick = 0; tick < 100 && !document.querySelector('[data-menu="logout"]'); tick++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const items = [...document.querySelectorAll('.o-dropdown--menu [data-menu]')];
    const ids = items.map((item) => item.dataset.menu);
    if (!ids.includes('logout') || !ids.includes('settings')) {
        console.error('user menu not open: ' + ids.join(', '));
    }
    for (const id of ['documentation', 'support', 'odoo_account']) {
        if (ids.includes(id)) { console.error('user menu still links to odoo.com: ' + id); }
    }
    for (const item of items) {
        if ((item.getAttribute('href') || '').includes('odoo.com')) {
            console.error('user menu links to ' + item.getAttribute('href'));
        }
    }
    console.log('test successful');
})();
"""
MIGRATION = os.path.join(
    os.path.dirname(os.path.dirname(__file__)),
    "migrations",
    "18.0.1.2.0",
    "post-migrate.py",
)


@tagged("post_install", "-at_install")
class TestUserMenu(HttpCase):
    def test_officer_user_menu_has_no_odoo_sales_links(self):
        officer = new_test_user(
            self.env,
            login="test.menu.officer",
            password="test.menu.officer",
            groups="idesk_security.group_idesk_officer",
            lang="vi_VN",
        )
        self.browser_js("/odoo", CHECK, ready="odoo.isReady", login=officer.login)


@tagged("post_install", "-at_install")
class TestCompanyName(TransactionCase):
    """The upgrade to 18.0.1.2.0 names the company after the town committee."""

    def _migrate(self):
        spec = importlib.util.spec_from_file_location("idesk_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.env.invalidate_all()

    def test_upgrade_names_company_left_with_odoo_default_name(self):
        company = self.env.ref("base.main_company")
        if self.env.ref("idesk_security.agency_ubnd", raise_if_not_found=False):
            expected = "UBND thị xã An Nhơn"  # the demo's name on a fresh install
        else:
            expected = (
                self.env["idesk.agency"]
                .create(
                    {
                        "name": "Ủy ban nhân dân thị xã Thử",
                        "code": "UBND",
                        "kind": "committee",
                    }
                )
                .name
            )
        for default in ("YourCompany", "My Company"):
            company.name = default
            self._migrate()
            self.assertEqual(company.name, expected)
            self.assertEqual(company.partner_id.name, expected)

    def test_upgrade_moves_demo_company_out_of_odoo_demo_address(self):
        if not self.env.ref("idesk_security.agency_ubnd", raise_if_not_found=False):
            self.skipTest("demo data not installed")
        company = self.env.ref("base.main_company")
        company.write(
            {
                "name": "UBND thị xã An Nhơn",
                "street": "250 Executive Park Blvd, Suite 3400",
                "city": "San Francisco",
            }
        )
        self._migrate()
        self.assertEqual(
            (company.name, company.street, company.city, company.country_id.code),
            ("UBND thị xã An Nhơn", "Trần Phú, phường Bình Định", "An Nhơn", "VN"),
        )

    def test_upgrade_keeps_company_named_by_the_town(self):
        company = self.env.ref("base.main_company")
        company.name = "UBND huyện Tuy Phước"
        self._migrate()
        self.assertEqual(company.name, "UBND huyện Tuy Phước")
