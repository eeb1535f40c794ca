from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestProposal(DistributionCase):
    """The head of the Office proposes, the chairman decides (Decree 30 art. 23)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chairman = cls._create_user(
            "t_chairman",
            "leader",
            cls.town,
            password="t_chairman-Passw0rd!",
            lang="en_US",
            email="t_chairman@test.example",
        )
        cls.town.leader_ids = [(4, cls.chairman.id)]
        # Set by the network administrator: the head of the Office (the
        # Office's leader here) proposes, the chairman decides.
        cls.office.write(
            {
                "direction_proposer_ids": [(6, 0, cls.leader.ids)],
                "direction_decider_ids": [(6, 0, cls.chairman.ids)],
            }
        )

    def _propose(self, document, proposer=None, **vals):
        action = document.with_user(proposer or self.leader).action_propose()
        vals.setdefault("direction_note", "Đề xuất giao Phòng Thử chủ trì.")
        wizard = (
            self.env["idesk.direction.wizard"]
            .with_user(proposer or self.leader)
            .with_context(**action["context"])
            .create(vals)
        )
        self.assertTrue(wizard.is_proposal)
        self.assertEqual(wizard.directed_by_id, self.chairman, "goes to the decider")
        wizard.action_confirm()
        return document.proposal_ids[:1]

    def test_head_of_office_proposal_confirmed_by_chairman_in_one_tap(self):
        document = self._incoming()
        deadline = self._deadline(5)
        proposal = self._propose(
            document,
            lead_agency_id=self.dept.id,
            lead_deadline=deadline,
            cooperate_user_ids=[(6, 0, self.officer.ids)],
            cooperate_deadline=deadline,
            info_agency_ids=[(6, 0, self.ward.ids)],
        )
        self.assertEqual(proposal.state, "waiting")
        self.assertFalse(document.assignment_ids, "a proposal sends nothing yet")
        self.assertEqual(document.process_state, "to_direct")
        # The chairman's home counts it; the counter opens exactly it.
        counters = {
            c["key"]: c
            for c in self.env["idesk.home"]
            .with_user(self.chairman)
            .get_home_data()["counters"]
        }
        self.assertEqual(counters["proposals_mine"]["count"], 1)
        self.assertTrue(document.with_user(self.chairman).can_decide_proposal)
        self.assertFalse(document.with_user(self.officer).can_decide_proposal)
        # One tap on the document.
        document.with_user(self.chairman).action_confirm_proposal()
        self.assertEqual(proposal.state, "confirmed")
        self.assertEqual(proposal.decided_by_id, self.chairman)
        self.assertEqual(document.directed_by_id, self.chairman)
        self.assertEqual(document.direction_note, "Đề xuất giao Phòng Thử chủ trì.")
        lead = document.assignment_ids.filtered(lambda a: a.role == "lead")
        self.assertEqual(lead.agency_id, self.dept)
        self.assertEqual(lead.deadline, deadline)
        self.assertEqual(
            document.assignment_ids.filtered(lambda a: a.role == "cooperate").user_id,
            self.officer,
        )
        self.assertEqual(
            document.assignment_ids.filtered(lambda a: a.role == "info").agency_id,
            self.ward,
        )
        bodies = " ".join(document.message_ids.mapped("body"))
        self.assertIn(f"Proposal of {self.leader.name} to {self.chairman.name}", bodies)
        self.assertIn(
            f"{self.chairman.name} confirmed the proposal of {self.leader.name}",
            bodies,
        )
        counters = {
            c["key"]: c["count"]
            for c in self.env["idesk.home"]
            .with_user(self.chairman)
            .get_home_data()["counters"]
        }
        self.assertEqual(counters["proposals_mine"], 0)

    def test_chairman_changes_the_proposal_in_the_prefilled_wizard(self):
        document = self._incoming()
        proposal = self._propose(
            document, lead_agency_id=self.dept.id, lead_deadline=self._deadline(5)
        )
        action = proposal.with_user(self.chairman).action_change()
        wizard = (
            self.env["idesk.direction.wizard"]
            .with_user(self.chairman)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.proposal_id, proposal, "pre-filled with the proposal")
        self.assertEqual(wizard.lead_agency_id, self.dept)
        self.assertEqual(wizard.direction_note, proposal.note)
        wizard.write(
            {
                "lead_agency_id": False,
                "lead_user_id": self.officer.id,
                "direction_note": "Giao đồng chí Thử chủ trì.",
            }
        )
        wizard.action_confirm()
        self.assertEqual(proposal.state, "changed")
        lead = document.assignment_ids.filtered(lambda a: a.role == "lead")
        self.assertEqual(lead.user_id, self.officer)
        self.assertIn(
            f"{self.chairman.name} changed the proposal of {self.leader.name}",
            " ".join(document.message_ids.mapped("body")),
        )

    def test_officer_cannot_propose_nor_decide(self):
        document = self._incoming()
        with self.assertRaises(AccessError):
            document.with_user(self.officer).action_propose()
        proposal = self._propose(
            document, lead_agency_id=self.dept.id, lead_deadline=self._deadline(5)
        )
        with self.assertRaises(AccessError):
            proposal.with_user(self.officer).action_confirm_proposal()
        with self.assertRaises(AccessError):
            proposal.with_user(self.officer).write({"state": "confirmed"})
        self.assertEqual(proposal.state, "waiting")

    def test_head_of_office_cannot_send_proposal_to_a_non_decider(self):
        document = self._incoming()
        action = document.with_user(self.leader).action_propose()
        wizard = (
            self.env["idesk.direction.wizard"]
            .with_user(self.leader)
            .with_context(**action["context"])
            .create(
                {
                    "direction_note": "Đề xuất",
                    "directed_by_id": self.ward_leader.id,
                    "lead_agency_id": self.dept.id,
                    "lead_deadline": self._deadline(5),
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(document.proposal_ids)
