from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestDistribution(DistributionCase):
    def _received_queue(self, user):
        """The agency documents waiting in ``user``'s Received menu."""
        return (
            self.env["idesk.assignment"]
            .with_user(user)
            .search(
                [
                    ("agency_id", "!=", False),
                    ("is_mine", "=", True),
                    ("state", "=", "received"),
                ]
            )
        )

    def test_ward_clerk_register_received_into_own_book(self):
        document = self._outgoing(self.ward)
        self._send(document)
        assignment = document.assignment_ids
        self.assertEqual(
            (assignment.agency_id, assignment.state), (self.ward, "received")
        )
        self.assertEqual(
            self._received_queue(self.ward_clerk),
            assignment,
            "the document waits in the ward clerk's Received queue",
        )
        assignment.with_user(self.ward_clerk).action_register_received()
        copy = assignment.received_document_id
        self.assertEqual(copy.agency_id, self.ward)
        self.assertEqual(copy.direction, "incoming")
        self.assertEqual(copy.state, "registered")
        self.assertEqual(copy.book_id.agency_id, self.ward)
        self.assertTrue(
            copy.number, "the copy has its own arrival number in the ward's book"
        )
        self.assertEqual(copy.origin_number_symbol, document.symbol)
        self.assertEqual(copy.issuing_agency_id, self.office)
        self.assertEqual(copy.summary, document.summary)
        self.assertEqual(copy.source_document_id, document)
        self.assertEqual(
            copy.process_state, "to_direct", "and goes to the ward leader's queue"
        )
        self.assertIn(self.ward_leader, copy.activity_ids.user_id)
        with self.assertRaises(UserError):
            assignment.with_user(self.ward_clerk).action_register_received()

    def test_sender_sees_acknowledgement_and_trace(self):
        document = self._outgoing(self.ward | self.dept)
        self._send(document)
        ward_assignment = document.assignment_ids.filtered(
            lambda a: a.agency_id == self.ward
        )
        ward_assignment.with_user(self.ward_clerk).action_register_received()
        ack = (
            self.env["mail.notification"]
            .search(
                [
                    ("res_partner_id", "=", self.clerk.partner_id.id),
                    ("mail_message_id.res_id", "=", document.id),
                    ("mail_message_id.model", "=", "idesk.document"),
                ]
            )
            .mail_message_id.filtered(lambda m: "registered it" in (m.body or ""))
        )
        self.assertEqual(len(ack), 1, "the sender's clerk gets one acknowledgement")
        self.assertIn(ward_assignment.received_document_id.number_display, ack.body)
        copy = ward_assignment.received_document_id.with_env(self.env)
        self._direct(
            copy,
            user=self.ward_leader,
            lead_user_id=self.ward_clerk.id,
            lead_deadline=self._deadline(),
        )
        trace = (
            self.env["idesk.assignment"]
            .with_user(self.clerk)
            .search([("document_id", "=", document.id)])
        )
        states = {a.agency_id: (a.state, bool(a.read_date)) for a in trace}
        self.assertEqual(states[self.ward], ("in_progress", True))
        self.assertEqual(states[self.dept], ("received", False))
        lead = copy.assignment_ids
        lead.with_user(self.ward_clerk).write({"result_note": "Đã triển khai"})
        lead.with_user(self.ward_clerk).action_done()
        self.assertEqual(ward_assignment.state, "done")
        self.assertTrue(ward_assignment.done_date)

    def test_clerk_send_names_recipients_then_says_how_many(self):
        document = self._outgoing(self.ward | self.dept)
        action = document.with_user(self.clerk).action_distribute()
        self.assertFalse(document.assignment_ids, "nothing is sent before confirming")
        wizard = self.env["idesk.send.wizard"].browse(action["res_id"])
        self.assertIn(self.ward.name, wizard.recipient_names)
        self.assertIn(self.dept.name, wizard.recipient_names)
        done = wizard.with_user(self.clerk).action_confirm()
        self.assertEqual(document.assignment_ids.agency_id, self.ward | self.dept)
        self.assertEqual(done["tag"], "display_notification")
        self.assertIn("Sent to 2 agencies", done["params"]["message"])
        self.assertIn(self.ward.name, done["params"]["message"])
        with self.assertRaises(UserError) as refusal:
            document.with_user(self.clerk).action_distribute()
        self.assertIn("no internal recipient left", str(refusal.exception))

    def test_clerk_send_without_file_refused(self):
        document = self._outgoing(self.ward, signed_file=False)
        with self.assertRaises(UserError) as refusal:
            document.with_user(self.clerk).action_distribute()
        self.assertIn("Attach the signed document", str(refusal.exception))
        self.assertFalse(document.assignment_ids)

    def test_clerk_send_says_it_in_vietnamese(self):
        document = self._outgoing(self.ward)
        clerk = self.clerk.with_context(lang="vi_VN")
        action = (
            document.with_user(clerk).with_context(lang="vi_VN").action_distribute()
        )
        self.assertEqual(action["name"], "Gửi nơi nhận")
        done = (
            self.env["idesk.send.wizard"]
            .with_user(clerk)
            .with_context(lang="vi_VN")
            .browse(action["res_id"])
            .action_confirm()
        )
        self.assertIn("Đã gửi đến 1 cơ quan, đơn vị", done["params"]["message"])

    def test_leader_direct_to_agency_ends_in_its_book(self):
        document = self._incoming()
        assignment = self._direct(
            document, lead_agency_id=self.ward.id, lead_deadline=self._deadline()
        )
        assignment.with_user(self.ward_clerk).action_register_received()
        copy = assignment.received_document_id
        self.assertEqual((copy.agency_id, copy.state), (self.ward, "registered"))
        self.assertEqual(copy.origin_number_symbol, document.origin_number_symbol)
        self.assertEqual(assignment.state, "read")

    def test_officer_register_received_refused(self):
        document = self._outgoing(self.ward)
        self._send(document)
        with self.assertRaises(AccessError):
            document.assignment_ids.with_user(self.outsider).action_register_received()
        self.assertEqual(document.assignment_ids.state, "received")

    def test_clerk_recall_freezes_copies_and_tells_recipients(self):
        document = self._outgoing(self.ward | self.dept)
        self._send(document)
        ward_assignment = document.assignment_ids.filtered(
            lambda a: a.agency_id == self.ward
        )
        dept_assignment = document.assignment_ids - ward_assignment
        ward_assignment.with_user(self.ward_clerk).action_register_received()
        copy = ward_assignment.received_document_id
        # The department has not registered its copy yet: the document waits in
        # the Received queue of its leader until the recall takes it away.
        self.assertEqual(self._received_queue(self.leader), dept_assignment)
        document.with_user(self.clerk).action_recall()
        wizard = (
            self.env["idesk.recall.wizard"]
            .with_user(self.clerk)
            .create({"document_id": document.id, "reason": "Ban hành nhầm đối tượng."})
        )
        wizard.action_confirm()
        self.assertFalse(
            self._received_queue(self.leader),
            "the recalled document left the department's Received queue",
        )
        self.assertTrue(document.recalled)
        self.assertTrue(copy.recalled)
        self.assertEqual(copy.process_state, "recalled")
        self.assertEqual(set(document.assignment_ids.mapped("state")), {"recalled"})
        with self.assertRaises(UserError):
            copy.with_user(self.ward_clerk).write({"note": "sửa"})
        told = (
            self.env["mail.notification"]
            .search(
                [
                    ("res_partner_id", "=", self.ward_clerk.partner_id.id),
                    ("mail_message_id.res_id", "=", document.id),
                ]
            )
            .mail_message_id.filtered(lambda m: "Ban hành nhầm" in (m.body or ""))
        )
        self.assertTrue(told, "the recipient's clerk is told of the recall")

    def test_clerk_send_context_defaults_do_not_fill_what_idesk_makes(self):
        """The send creates the assignments as iDESK, after its checks: the
        ``default_*`` keys the caller sends with it fill nothing there."""
        document = self._outgoing(self.ward)
        forged = {
            "default_user_id": self.outsider.id,
            "default_state": "done",
            "default_result_note": "Đã xong (giả)",
        }
        action = document.with_user(self.clerk).action_distribute()
        wizard = self.env["idesk.send.wizard"].browse(action["res_id"])
        wizard.with_user(self.clerk).with_context(**forged).action_confirm()
        assignment = document.assignment_ids
        self.assertEqual(assignment.agency_id, self.ward)
        self.assertFalse(assignment.user_id, "no person added by a context key")
        self.assertEqual(assignment.state, "received")
        self.assertFalse(assignment.result_note)
        self.assertFalse(
            self.env["idesk.document"]
            .with_user(self.outsider)
            .search([("id", "=", document.id)]),
            "the outsider still cannot read the document",
        )
