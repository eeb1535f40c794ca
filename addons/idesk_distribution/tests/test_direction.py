import ast
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.idesk_security.tests.common import one_page_pdf

from .common import DistributionCase


@tagged("post_install", "-at_install")
class TestDirection(DistributionCase):
    def _enter_direction(self, document, user, leader, **vals):
        """``user`` enters the direction of ``leader``: the officer leads."""
        return self._direct(
            document,
            user=user,
            directed_by_id=leader.id,
            lead_user_id=self.officer.id,
            lead_deadline=self._deadline(),
            **vals,
        )

    def _act_after_note(self, assignment, action, **note):
        """``action`` is refused until the ``note`` is written, then goes through."""
        with self.assertRaises(UserError):
            getattr(assignment, action)()
        assignment.write(note)
        getattr(assignment, action)()

    def test_clerk_register_presents_to_leader_same_day(self):
        document = self._incoming()
        self.assertEqual(document.process_state, "to_direct")
        activity = document.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("idesk_distribution.mail_activity_type_to_direct")
            )
        )
        self.assertEqual(activity.user_id, self.leader)
        self.assertEqual(activity.date_deadline, self.today)
        action = self.env.ref("idesk_distribution.action_idesk_document_to_direct")
        queue = (
            self.env["idesk.document"]
            .with_user(self.leader)
            .search(ast.literal_eval(action.domain))
        )
        self.assertIn(document, queue)

    def test_clerk_register_urgent_notifies_leader_inbox_and_mail(self):
        document = self._incoming(urgency=self.urgent, symbol="13/KH-UBND")
        notification = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.leader.partner_id.id),
                ("mail_message_id.res_id", "=", document.id),
                ("mail_message_id.model", "=", "idesk.document"),
                ("is_read", "=", False),
            ]
        )
        self.assertTrue(
            notification, "an urgent document reaches the leader's inbox at once"
        )
        mail = self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", self.leader.partner_id.ids),
                ("mail_message_id", "in", notification.mail_message_id.ids),
            ]
        )
        self.assertEqual(len(mail), 1, "and an e-mail waits in the outgoing queue")
        self.assertEqual(mail.state, "outgoing")

    def test_leader_direct_assigns_lead_cooperate_info(self):
        document = self._incoming()
        deadline = self._deadline(5)
        assignments = self._direct(
            document,
            lead_user_id=self.officer.id,
            lead_deadline=deadline,
            cooperate_agency_ids=[(6, 0, self.dept.ids)],
            cooperate_deadline=deadline,
            info_agency_ids=[(6, 0, self.ward.ids)],
        )
        self.assertEqual(
            sorted(assignments.mapped("role")), ["cooperate", "info", "lead"]
        )
        self.assertEqual(document.process_state, "in_progress")
        self.assertEqual(document.deadline, deadline)
        self.assertEqual(document.directed_by_id, self.leader)
        self.assertIn(self.officer, document.shared_user_ids)
        self.assertIn(self.ward, document.shared_agency_ids)
        to_direct = self.env.ref("idesk_distribution.mail_activity_type_to_direct")
        self.assertFalse(
            document.activity_ids.filtered(lambda a: a.activity_type_id == to_direct),
            "the 'to direct' activity is done",
        )
        inbox = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", self.officer.partner_id.id),
                ("mail_message_id.res_id", "=", document.id),
            ]
        )
        self.assertIn("Giao phòng xử lý", inbox.mail_message_id[:1].body)

    def test_leader_direct_two_leads_refused(self):
        document = self._incoming()
        with self.assertRaises(UserError):
            self._direct(
                document,
                lead_user_id=self.officer.id,
                lead_agency_id=self.dept.id,
                lead_deadline=self._deadline(),
            )
        self.assertFalse(document.assignment_ids)
        with self.assertRaises(UserError):
            document.with_user(self.leader)._do_direct(
                "Hai chủ trì",
                self.leader,
                [
                    {
                        "role": "lead",
                        "user_id": self.officer.id,
                        "deadline": self._deadline(),
                    },
                    {
                        "role": "lead",
                        "agency_id": self.dept.id,
                        "deadline": self._deadline(),
                    },
                ],
            )
        self._direct(
            document, lead_user_id=self.officer.id, lead_deadline=self._deadline()
        )
        with self.assertRaises(ValidationError):
            self.env["idesk.assignment"].create(
                {"document_id": document.id, "role": "lead", "agency_id": self.dept.id}
            )

    def test_officer_direct_refused(self):
        document = self._incoming()
        with self.assertRaises(AccessError):
            self._enter_direction(document, self.officer, self.leader)
        with self.assertRaises(AccessError):
            self._enter_direction(document, self.officer, self.officer)
        self.assertEqual(document.process_state, "to_direct")

    def test_clerk_direct_for_leader_needs_scan_and_shows_author(self):
        document = self._incoming()
        with self.assertRaises(UserError):
            self._enter_direction(document, self.clerk, self.leader)
        self._enter_direction(
            document,
            self.clerk,
            self.leader,
            direction_file=base64.b64encode(
                one_page_pdf("Giao Phòng Tài chính chủ trì")
            ),
            direction_filename="but-phe.pdf",
        )
        self.assertEqual(document.directed_by_id, self.leader)
        self.assertEqual(document.direction_entered_by_id, self.clerk)
        self.assertEqual(
            document.direction_author_label,
            f"entered by {self.clerk.name} for {self.leader.name}",
        )
        self.assertEqual(document.direction_attachment_id.name, "but-phe.pdf")

    def test_officer_process_read_start_done(self):
        document, assignment = self._incoming_led_by(self.officer)
        as_officer = assignment.with_user(self.officer)
        as_officer.action_open_document()
        self.assertEqual(assignment.state, "read")
        self.assertTrue(assignment.read_date)
        first_read = assignment.read_date
        as_officer.action_open_document()
        self.assertEqual(
            assignment.read_date, first_read, "only the first opening is recorded"
        )
        as_officer.action_start()
        self.assertEqual(assignment.state, "in_progress")
        self._act_after_note(
            as_officer, "action_done", result_note="Đã tham mưu văn bản trả lời."
        )
        self.assertEqual(assignment.state, "done")
        self.assertEqual(document.process_state, "done")

    def test_officer_return_with_reason(self):
        document, assignment = self._incoming_led_by(self.officer)
        as_officer = assignment.with_user(self.officer)
        self._act_after_note(
            as_officer,
            "action_return",
            return_reason="Không đúng thẩm quyền của phòng.",
        )
        self.assertEqual(assignment.state, "returned")
        self.assertEqual(document.process_state, "returned")

    def test_other_officer_mark_done_refused(self):
        document = self._incoming()
        assignment = self._direct(
            document,
            lead_user_id=self.officer.id,
            lead_deadline=self._deadline(),
            cooperate_user_ids=[(6, 0, self.dept_officer.ids)],
            cooperate_deadline=self._deadline(),
        )
        lead = assignment.filtered(lambda a: a.role == "lead")
        with self.assertRaises(AccessError):
            lead.with_user(self.dept_officer).action_done()
        with self.assertRaises(AccessError):
            lead.with_user(self.officer).write({"deadline": self._deadline(20)})
        with self.assertRaises(AccessError):
            lead.with_user(self.leader).write({"state": "done"})
        self.assertEqual(lead.state, "received")
        lead.with_user(self.leader).write({"deadline": self._deadline(20)})
        self.assertEqual(
            lead.deadline, self._deadline(20), "the leader can move a deadline"
        )

    def test_outsider_cannot_see_what_was_not_sent(self):
        document, _assignment = self._incoming_led_by(self.dept_officer)
        Document = self.env["idesk.document"]
        self.assertIn(
            document,
            Document.with_user(self.dept_officer).search([("id", "=", document.id)]),
        )
        self.assertFalse(
            Document.with_user(self.outsider).search([("id", "=", document.id)])
        )
        self.assertFalse(
            self.env["idesk.assignment"]
            .with_user(self.ward_clerk)
            .search([("document_id", "=", document.id)])
        )
        with self.assertRaises(AccessError):
            document.with_user(self.ward_clerk).read(["summary"])

    def test_leader_print_action_slip(self):
        document, _assignment = self._incoming_led_by(self.officer)
        report = self.env.ref("idesk_distribution.action_report_idesk_action_slip")
        html = report.with_user(self.leader)._render_qweb_html(
            report.report_name, document.ids
        )[0]
        self.assertIn("PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN", html.decode())
        self.assertIn(self.officer.name, html.decode())
        pdf = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, document.ids
        )[0]
        self.assertTrue(pdf.startswith(b"%PDF"))
