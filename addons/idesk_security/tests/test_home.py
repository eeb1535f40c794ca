import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, new_test_user, tagged

from .common import IdeskSecurityCommon

MIGRATION = (
    Path(__file__).resolve().parents[1]
    / "migrations"
    / "18.0.1.2.0"
    / "post-migrate.py"
)


@tagged("post_install", "-at_install")
class TestHome(IdeskSecurityCommon, TransactionCase):
    """The iDESK home is the first screen of every person with an iDESK role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_agencies_and_users()
        cls.home = cls.env.ref("idesk_security.action_idesk_home")

    def _person(self, login, groups):
        return new_test_user(
            self.env, login=login, groups=groups, password=f"{login}-Passw0rd!"
        )

    def test_admin_new_staff_of_every_role_open_the_home(self):
        for role, user in self.users.items():
            self.assertEqual(user.action_id.id, self.home.id, role)

    def test_admin_person_given_a_role_later_opens_the_home(self):
        person = self._person("test.later", "base.group_user")
        self.assertFalse(person.action_id)
        person.with_user(self.users["admin"]).write(
            {"groups_id": [(4, self.env.ref("idesk_security.group_idesk_clerk").id)]}
        )
        self.assertEqual(person.action_id.id, self.home.id)

    def test_admin_person_added_from_the_group_form_opens_the_home(self):
        person = self._person("test.group", "base.group_user")
        self.env.ref("idesk_security.group_idesk_officer").with_user(
            self.users["admin"]
        ).write({"users": [(4, person.id)]})
        self.assertEqual(person.action_id.id, self.home.id)

    def test_admin_home_action_chosen_for_a_person_is_kept(self):
        other = self.env.ref("base.action_res_users")
        person = self._person("test.own", "base.group_user")
        person.action_id = other.id
        person.write(
            {"groups_id": [(4, self.env.ref("idesk_security.group_idesk_officer").id)]}
        )
        self.assertEqual(person.action_id.id, other.id)

    def test_portal_user_gets_no_home(self):
        portal = self._person("test.portal", "base.group_portal")
        self.assertFalse(portal.action_id)

    def test_upgrade_gives_the_home_to_existing_staff(self):
        staff = self.users["officer"]
        staff.action_id = False
        spec = importlib.util.spec_from_file_location("idesk_home_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        staff.invalidate_recordset(["action_id"])
        self.assertEqual(staff.action_id.id, self.home.id)

    def test_network_admin_home_counts_blocked_accounts(self):
        admin = self.users["admin"]
        self.users["officer"].with_user(admin).action_idesk_block()
        home = self.env["idesk.home"].with_user(admin).get_home_data()
        counter = next(c for c in home["counters"] if c["key"] == "blocked_accounts")
        action = counter["action"]
        blocked = (
            self.env[action["res_model"]].with_user(admin).search(action["domain"])
        )
        self.assertIn(self.users["officer"], blocked)
        self.assertEqual(counter["count"], len(blocked))
        self.assertEqual(counter["severity"], "danger")
        self.assertIn("system_health", [a["key"] for a in home["actions"]])

    def test_officer_home_shows_no_administration(self):
        home = self.env["idesk.home"].with_user(self.users["officer"]).get_home_data()
        keys = {c["key"] for c in home["counters"]} | {
            a["key"] for a in home["actions"]
        }
        self.assertFalse(
            keys & {"blocked_accounts", "reported_content", "system_health"}
        )
        self.assertEqual(home["user_name"], "Test officer")
        self.assertEqual(home["agency_name"], self.own_agency.display_name)
