from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import DistributionCase

CLERK_COUNTERS = [
    "incoming_to_register",
    "outgoing_to_register",
    "to_direct",
    "received_to_register",
    "open_mine",
    "overdue_mine",
    "due_soon_mine",
    "overdue_agency",
    "due_soon_agency",
]
LEADER_COUNTERS = [
    "to_direct",
    "open_mine",
    "overdue_mine",
    "due_soon_mine",
    "overdue_agency",
    "due_soon_agency",
]
OFFICER_COUNTERS = ["open_mine", "overdue_mine", "due_soon_mine"]
# The cards of the addons this one stands on; another addon's cards (e.g.
# idesk_drafting's) are tested by that addon.
KNOWN = set(CLERK_COUNTERS) | {"reported_content", "blocked_accounts"}
KNOWN_ACTIONS = {"receive_scan", "receive_document", "system_health"}


@tagged("post_install", "-at_install")
class TestHome(DistributionCase):
    """The home of each role counts what waits for the person; every counter
    opens a list of exactly the records it counted, read with the person's rights."""

    def _home(self, user):
        return self.env["idesk.home"].with_user(user).get_home_data()

    def _counts(self, user):
        return {c["key"]: c["count"] for c in self._home(user)["counters"]}

    def _draft(self, clerk, agency):
        return (
            self.env["idesk.document"]
            .with_user(clerk)
            .create(
                {
                    "direction": "incoming",
                    "agency_id": agency.id,
                    "issuing_body_name": "Sở Nội vụ tỉnh Thử",
                    "origin_number_symbol": "7/SNV",
                    "type_id": self.doc_type.id,
                    "summary": "Văn bản chờ vào sổ",
                    "urgency_id": self.normal.id,
                    "document_date": self.today,
                    "arrival_datetime": fields.Datetime.now(),
                }
            )
        )

    def _assert_each_counter_opens_its_count(self, user):
        for counter in self._home(user)["counters"]:
            action = counter["action"]
            listed = (
                self.env[action["res_model"]].with_user(user).search(action["domain"])
            )
            self.assertEqual(
                len(listed), counter["count"], f"{user.login}: {counter['key']}"
            )
            self.assertEqual(action["name"], counter["label"])
            self.assertFalse(
                [key for key in action["context"] if key.startswith("search_default")],
                "a default filter would show fewer lines than counted",
            )

    def test_counters_shown_by_role(self):
        for user, keys in (
            (self.clerk, CLERK_COUNTERS),
            (self.ward_clerk, CLERK_COUNTERS),
            (self.leader, LEADER_COUNTERS),
            (self.officer, OFFICER_COUNTERS),
        ):
            home = self._home(user)
            shown = [c["key"] for c in home["counters"] if c["key"] in KNOWN]
            self.assertEqual(shown, keys, user.login)
            actions = [a["key"] for a in home["actions"] if a["key"] in KNOWN_ACTIONS]
            self.assertEqual(
                actions,
                ["receive_scan", "receive_document"] if "clerk" in user.login else [],
            )

    def test_clerk_home_counts_drafts_of_own_agency_to_register(self):
        self._draft(self.clerk, self.office)
        self.assertEqual(self._counts(self.clerk)["incoming_to_register"], 1)
        self.assertEqual(self._counts(self.ward_clerk)["incoming_to_register"], 0)
        self._assert_each_counter_opens_its_count(self.clerk)

    def test_leader_and_clerk_home_count_documents_waiting_for_direction(self):
        self._incoming()
        self._incoming(agency=self.ward, clerk=self.ward_clerk, symbol="3/KH")
        self.assertEqual(self._counts(self.leader)["to_direct"], 1)
        self.assertEqual(self._counts(self.clerk)["to_direct"], 1)
        self.assertEqual(self._counts(self.ward_leader)["to_direct"], 1)
        self.assertNotIn("to_direct", self._counts(self.officer))
        for user in (self.leader, self.clerk, self.ward_leader):
            self._assert_each_counter_opens_its_count(user)

    def test_town_leader_home_counts_sub_agencies_without_a_leader(self):
        chairman = self._create_user("t_chairman", "leader", self.town, lang="en_US")
        self.town.leader_ids = [(4, chairman.id)]
        no_leader = self._create_agency("Phòng Không Lãnh Đạo", "PK", parent=self.town)
        no_leader_clerk = self._create_user("t_pk_clerk", "clerk", no_leader)
        self._incoming(agency=no_leader, clerk=no_leader_clerk, symbol="4/KH")
        self._incoming()  # the Office has its own leader
        self.assertEqual(self._counts(chairman)["to_direct"], 1)
        self._assert_each_counter_opens_its_count(chairman)

    def test_officer_home_counts_own_assignments_due_soon_then_overdue(self):
        _document, assignments = self._incoming_led_by(self.officer, days=2)
        counts = self._counts(self.officer)
        self.assertEqual(
            (counts["open_mine"], counts["due_soon_mine"], counts["overdue_mine"]),
            (1, 1, 0),
        )
        lead = assignments.filtered(lambda a: a.role == "lead")
        lead.sudo().write({"deadline": self.today - timedelta(days=1)})
        counts = self._counts(self.officer)
        self.assertEqual((counts["due_soon_mine"], counts["overdue_mine"]), (0, 1))
        self.assertEqual(self._counts(self.leader)["overdue_agency"], 1)
        self.assertEqual(self._counts(self.clerk)["overdue_agency"], 1)
        self.assertEqual(self._counts(self.ward_clerk)["overdue_agency"], 0)
        for user in (self.officer, self.leader, self.clerk):
            self._assert_each_counter_opens_its_count(user)

    def test_ward_clerk_home_counts_documents_from_other_agencies(self):
        self._send(self._outgoing(self.ward))
        self.assertEqual(self._counts(self.ward_clerk)["received_to_register"], 1)
        self.assertEqual(self._counts(self.clerk)["received_to_register"], 0)
        self._assert_each_counter_opens_its_count(self.ward_clerk)

    def test_clerk_top_menu_in_the_order_of_the_manuals(self):
        root = self.env.ref("idesk_security.menu_idesk_root")
        self.assertEqual(root.action, self.env.ref("idesk_security.action_idesk_home"))
        menus = self.env["ir.ui.menu"].with_user(self.clerk).load_menus(debug=False)
        top = [menus[child]["xmlid"] for child in menus[root.id]["children"]]
        expected = [
            "idesk_security.menu_idesk_home",
            "idesk_registry.menu_idesk_registry",
            "idesk_registry.menu_idesk_outgoing",
            "idesk_distribution.menu_idesk_distribution",
        ]
        self.assertEqual(top[:4], expected)
        self.assertEqual(top[-1], "idesk_security.menu_idesk_config")
        config = [
            menus[child]["xmlid"]
            for child in menus[self.env.ref("idesk_security.menu_idesk_config").id][
                "children"
            ]
        ]
        self.assertEqual(config, ["idesk_registry.menu_idesk_register_book"])
