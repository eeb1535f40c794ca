from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestBookKeepersDistribution(DistributionCase):
    """A unit without a clerk receives into the incoming book the Office's
    clerk keeps for it (``registering_agency_id``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls._create_agency(
            "Phòng Không Văn Thư",
            "KVT",
            parent=cls.town,
            registering_agency_id=cls.office.id,
        )
        cls.unit_leader = cls._create_user("t_unit_leader", "leader", cls.unit)
        cls.unit_officer = cls._create_user("t_unit_officer", "officer", cls.unit)
        cls.unit.leader_ids = cls.unit_leader

    def _received_menu(self, user):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "idesk_distribution.action_idesk_assignment_received"
        )
        domain = safe_eval(action["domain"], {"uid": user.id})
        return self.env["idesk.assignment"].with_user(user).search(domain)

    def test_clerk_office_registers_into_book_kept_for_unit_without_clerk(self):
        document = self._outgoing(self.unit)
        self._send(document)
        assignment = document.assignment_ids
        self.assertEqual(assignment.agency_id, self.unit)
        # It waits in the Office clerk's "From other agencies" list.
        self.assertIn(assignment, self._received_menu(self.clerk))
        self.assertNotIn(assignment, self._received_menu(self.ward_clerk))
        assignment.with_user(self.clerk).action_register_received()
        copy = assignment.received_document_id
        self.assertEqual(copy.agency_id, self.unit)
        self.assertEqual(copy.book_id.agency_id, self.unit)
        self.assertEqual(copy.book_id.direction, "incoming")
        self.assertEqual(copy.number_display, "01")
        # The unit's staff see it like any received document; its leader directs it.
        self.assertEqual(
            self.env["idesk.document"]
            .with_user(self.unit_officer)
            .search([("id", "=", copy.id)]),
            copy,
        )
        self.assertEqual(copy.process_state, "to_direct")
        self.assertIn(self.unit_leader, copy.activity_ids.user_id)

    def test_clerk_of_another_agency_cannot_register_for_unit(self):
        document = self._outgoing(self.unit)
        self._send(document)
        with self.assertRaises(AccessError):
            document.assignment_ids.with_user(
                self.ward_clerk
            ).action_register_received()
        self.assertFalse(document.assignment_ids.received_document_id)
