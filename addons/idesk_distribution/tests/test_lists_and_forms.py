from datetime import timedelta

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import DistributionCase

STATUS_LABELS = {"overdue": "Overdue", "due_soon": "Due soon", "on_time": "On time"}


@tagged("post_install", "-at_install")
class TestListsAndForms(DistributionCase):
    """The lists show what a person decides on, their red rows say why, and the
    forms show the task at hand (issue 13, items 2 and 3)."""

    def _arch(self, user, action_xmlid, view_type):
        action = self.env.ref(action_xmlid)
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        result = self.env[action.res_model].with_user(user).get_views(views)
        return etree.fromstring(result["views"][view_type]["arch"])

    def _columns(self, user, action_xmlid):
        arch = self._arch(user, action_xmlid, "list")
        return {
            node.get("name")
            for node in arch.iterfind("field")
            if node.get("column_invisible") not in ("1", "True")
        }

    # ------------------------------------------------------------------
    # Lists
    # ------------------------------------------------------------------
    def test_leader_to_direct_list_shows_decision_columns_and_my_agency(self):
        columns = self._columns(
            self.leader, "idesk_distribution.action_idesk_document_to_direct"
        )
        for name in (
            "agency_id",
            "number_display",
            "origin_number_symbol",
            "issuing_body_name",
            "summary",
            "urgency_id",
            "processing_deadline",
            "deadline_status",
        ):
            self.assertIn(name, columns)
        action = self.env.ref("idesk_distribution.action_idesk_document_to_direct")
        self.assertIn("search_default_filter_my_agency", action.context)

    def test_leader_in_progress_list_shows_deadline_and_its_status(self):
        columns = self._columns(
            self.leader, "idesk_distribution.action_idesk_document_followed"
        )
        self.assertTrue(
            {"agency_id", "origin_number_symbol", "summary", "processing_deadline"}
            | {"deadline_status", "process_state", "urgency_id"}
            <= columns
        )

    def test_officer_assignment_lists_show_number_symbol_role_and_deadline(self):
        expected = {
            "idesk_distribution.action_idesk_assignment_mine": self.officer,
            "idesk_distribution.action_idesk_assignment_received": self.ward_clerk,
            "idesk_distribution.action_idesk_assignment_sent": self.leader,
        }
        for xmlid, user in expected.items():
            with self.subTest(action=xmlid):
                columns = self._columns(user, xmlid)
                self.assertTrue(
                    {"document_number_symbol", "document_summary", "role"}
                    | {"deadline", "deadline_status", "state"}
                    <= columns,
                    columns,
                )
        self.assertIn(
            "document_issuer",
            self._columns(
                self.ward_clerk, "idesk_distribution.action_idesk_assignment_received"
            ),
        )

    def test_officer_every_processing_list_has_cards_for_phones(self):
        for xmlid in (
            "action_idesk_document_to_direct",
            "action_idesk_document_followed",
            "action_idesk_assignment_mine",
            "action_idesk_assignment_received",
            "action_idesk_assignment_sent",
        ):
            with self.subTest(action=xmlid):
                action = self.env.ref(f"idesk_distribution.{xmlid}")
                self.assertIn("kanban", action.view_mode.split(","))
                self.assertEqual(action.mobile_view_mode, "kanban")
                kanban = self._arch(self.officer, action.xml_id, "kanban")
                self.assertIn("deadline_status", kanban.xpath("//field/@name"))

    def test_leader_my_agency_filter_leaves_out_sub_agencies(self):
        office_doc = self._incoming()
        ward_doc = self._incoming(
            agency=self.ward, clerk=self.ward_clerk, symbol="3/KH-UBND"
        )
        search = self.env["idesk.document"].get_view(
            self.env.ref("idesk_registry.idesk_document_view_search").id, "search"
        )
        node = etree.fromstring(search["arch"]).find(
            ".//filter[@name='filter_my_agency']"
        )
        Document = self.env["idesk.document"]
        for user, mine, other in (
            (self.leader, office_doc, ward_doc),
            (self.ward_leader, ward_doc, office_doc),
        ):
            with self.subTest(user=user.login):
                domain = safe_eval(node.get("domain"), {"uid": user.id})
                found = Document.with_user(user).search(
                    domain + [("id", "in", (office_doc | ward_doc).ids)]
                )
                self.assertIn(mine, found)
                self.assertNotIn(other, found)

    # ------------------------------------------------------------------
    # The legend: overdue, due soon, on time
    # ------------------------------------------------------------------
    def test_officer_deadline_status_overdue_due_soon_on_time(self):
        _document, lead = self._incoming_led_by(self.officer, days=5)
        lead = lead.filtered(lambda a: a.role == "lead").with_user(self.officer)
        cases = [
            (self._deadline(5), "on_time"),
            (self._deadline(1), "due_soon"),
            (self.today, "due_soon"),
            (self.today - timedelta(days=1), "overdue"),
        ]
        for deadline, status in cases:
            with self.subTest(deadline=deadline):
                lead.sudo().deadline = deadline
                lead.invalidate_recordset(["deadline_status"])
                self.assertEqual(lead.deadline_status, status)
                label = dict(
                    lead._fields["deadline_status"]._description_selection(lead.env)
                )[status]
                self.assertEqual(label, STATUS_LABELS[status])

    def test_officer_done_or_for_information_has_no_deadline_status(self):
        document, _assignments = self._incoming_led_by(
            self.officer, days=1, symbol="13/KH-UBND"
        )
        lead = document.assignment_ids.filtered(lambda a: a.role == "lead")
        lead.sudo().write({"deadline": self.today - timedelta(days=3)})
        self.assertEqual(lead.deadline_status, "overdue")
        lead.with_user(self.officer).result_note = "Đã xử lý"
        lead.with_user(self.officer).action_done()
        lead.invalidate_recordset(["deadline_status"])
        self.assertFalse(lead.deadline_status)
        other = self._incoming(symbol="14/KH-UBND")
        info = self._direct(other, info_user_ids=[(6, 0, self.dept_officer.ids)])
        self.assertEqual(info.role, "info")
        self.assertFalse(info.deadline_status)

    def test_leader_document_to_direct_shows_the_proposed_deadline(self):
        document = self._incoming(symbol="15/KH-UBND").with_user(self.leader)
        self.assertEqual(document.process_state, "to_direct")
        self.assertEqual(document.processing_deadline, document._default_deadline())
        self.assertEqual(document.deadline_status, "on_time")
        lead = self._direct(
            document, lead_user_id=self.officer.id, lead_deadline=self._deadline(3)
        )
        lead.sudo().deadline = self.today - timedelta(days=1)
        document.invalidate_recordset(["processing_deadline", "deadline_status"])
        self.assertEqual(document.processing_deadline, self.today - timedelta(days=1))
        self.assertEqual(document.deadline_status, "overdue")

    # ------------------------------------------------------------------
    # The document's columns on assignments
    # ------------------------------------------------------------------
    def test_officer_assignment_shows_the_issuers_number_and_symbol(self):
        _document, assignments = self._incoming_led_by(
            self.officer, urgency=self.urgent, symbol="77/KH-UBND"
        )
        lead = assignments.filtered(lambda a: a.role == "lead").with_user(self.officer)
        self.assertEqual(lead.document_number_symbol, "77/KH-UBND")
        self.assertEqual(lead.document_issuer, "UBND tỉnh Thử")
        self.assertEqual(lead.document_summary, "Kế hoạch thử nghiệm phân phối văn bản")
        self.assertEqual(lead.document_urgency_id, self.urgent)
        self.assertTrue(lead.document_is_urgent)

    def test_ward_clerk_received_shows_the_senders_symbol_not_its_arrival_number(self):
        outgoing = self._outgoing(self.ward)
        self._send(outgoing)
        received = outgoing.assignment_ids.filtered(
            lambda a: a.agency_id == self.ward
        ).with_user(self.ward_clerk)
        self.assertEqual(received.document_number_symbol, outgoing.symbol)
        # The office issues in its committee's name.
        self.assertEqual(received.document_issuer, self.town.name)

    def test_outsider_sees_no_document_through_an_assignment_in_memory(self):
        document = self._incoming(symbol="16/KH-UBND")
        assignment = (
            self.env["idesk.assignment"]
            .with_user(self.outsider)
            .new({"document_id": document.id, "role": "info"})
        )
        self.assertFalse(assignment.document_summary)
        self.assertFalse(assignment.document_number_symbol)
        self.assertFalse(assignment.document_issuer)

    # ------------------------------------------------------------------
    # Forms
    # ------------------------------------------------------------------
    def test_leader_read_first_form_puts_summary_scan_direction_first(self):
        arch = self._arch(
            self.leader, "idesk_distribution.action_idesk_document_to_direct", "form"
        )
        sheet = arch.find(".//sheet")
        order = [
            node.get("name") or node.get("class")
            for node in sheet.iter("field", "notebook")
            if node.get("name") in ("summary", "scan_pdf", "direction_note")
            or node.tag == "notebook"
        ]
        self.assertEqual(order[:3], ["summary", "direction_note", "scan_pdf"])
        self.assertEqual(order[-1], None, "the register's details come last")

    def test_recall_is_in_the_gear_menu_with_the_same_checks(self):
        action = self.env.ref("idesk_distribution.action_server_idesk_document_recall")
        self.assertEqual(action.binding_view_types, "form")
        form = self._arch(
            self.clerk, "idesk_registry.action_idesk_document_outgoing", "form"
        )
        self.assertFalse(form.xpath("//header/button[@name='action_recall']"))
        outgoing = self._outgoing(self.ward)
        self._send(outgoing)
        result = (
            action.with_user(self.clerk)
            .with_context(
                active_model="idesk.document",
                active_id=outgoing.id,
                active_ids=outgoing.ids,
            )
            .run()
        )
        self.assertEqual(result["res_model"], "idesk.recall.wizard")
        with self.assertRaises(AccessError):
            action.with_user(self.officer).with_context(
                active_model="idesk.document",
                active_id=outgoing.id,
                active_ids=outgoing.ids,
            ).run()
