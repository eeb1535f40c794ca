from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import IdeskRegistryCase

# What the incoming form's issuer widget sends: the three fields it keeps in step.
SPEC = {
    "issuing_agency_id": {"fields": {"display_name": {}}},
    "issuing_partner_id": {"fields": {"display_name": {}}},
    "issuing_body_name": {},
}
TECHNICAL = ("scan_sha256", "scan_dpi", "ocr_state", "ocr_text", "direction")


@tagged("post_install", "-at_install")
class TestIssuerField(IdeskRegistryCase):
    """One issuer field on the form (issue 13, item 3): an agency of iDESK, a
    contact or free text; the stored agency, contact and name stay in step."""

    def _onchange(self, values, changed):
        Document = self.Document.with_user(self.clerk).with_context(
            default_direction="incoming"
        )
        base = {
            "issuing_agency_id": False,
            "issuing_partner_id": False,
            "issuing_body_name": False,
        }
        return Document.onchange({**base, **values}, [changed], SPEC)["value"]

    def test_clerk_chooses_an_agency_its_name_follows(self):
        value = self._onchange(
            {"issuing_agency_id": self.agency_b.id}, "issuing_agency_id"
        )
        self.assertEqual(value["issuing_body_name"], "Phòng Tư pháp Thử")
        document = self._register_incoming(
            issuing_agency_id=self.agency_b.id, issuing_partner_id=False
        )
        self.assertEqual(document.issuing_agency_id, self.agency_b)
        self.assertEqual(document.issuing_body_name, "Phòng Tư pháp Thử")

    def test_clerk_chooses_a_contact_its_name_follows(self):
        value = self._onchange(
            {"issuing_partner_id": self.partner_province.id}, "issuing_partner_id"
        )
        self.assertEqual(value["issuing_body_name"], "UBND tỉnh Bình Định")
        document = self._register_incoming(issuing_partner_id=self.partner_province.id)
        self.assertEqual(document.issuing_partner_id, self.partner_province)
        self.assertFalse(document.issuing_agency_id)

    def test_clerk_types_free_text_the_agency_or_contact_is_forgotten(self):
        for field, record in (
            ("issuing_agency_id", self.agency_b),
            ("issuing_partner_id", self.partner_province),
        ):
            with self.subTest(field=field):
                value = self._onchange(
                    {field: record.id, "issuing_body_name": "Ban Chỉ huy Quân sự"},
                    "issuing_body_name",
                )
                self.assertEqual(value, {field: False})
                # The name of the chosen body itself keeps the link.
                value = self._onchange(
                    {field: record.id, "issuing_body_name": record.name},
                    "issuing_body_name",
                )
                self.assertEqual(value, {})

    def test_clerk_form_has_one_issuer_field_with_the_widget(self):
        arch = self._form_arch(self.clerk)
        shown = [
            node
            for node in arch.iter("field")
            if node.get("name")
            in ("issuing_agency_id", "issuing_partner_id", "issuing_body_name")
            and node.get("invisible") not in ("1", "True")
        ]
        self.assertEqual([node.get("name") for node in shown], ["issuing_body_name"])
        self.assertEqual(shown[0].get("widget"), "idesk_issuer")

    # ------------------------------------------------------------------
    # Technical fields and rare actions
    # ------------------------------------------------------------------
    def _form_arch(self, user):
        view = self.env.ref("idesk_registry.idesk_document_view_form")
        arch = self.Document.with_user(user).get_views([(view.id, "form")])
        return etree.fromstring(arch["views"]["form"]["arch"])

    def _visible_fields(self, arch):
        return {
            node.get("name")
            for node in arch.iter("field")
            if node.get("invisible") not in ("1", "True")
        }

    def test_clerk_sees_no_technical_field_without_debug_mode(self):
        shown = self._visible_fields(self._form_arch(self.clerk))
        for name in TECHNICAL:
            self.assertNotIn(name, shown)
        # They are there in debug mode (base.group_no_one follows the session's
        # debug flag, which a test without a request does not have).
        view = self.env.ref("idesk_registry.idesk_document_view_form")
        arch = etree.fromstring(view.get_combined_arch())
        for name in TECHNICAL:
            with self.subTest(field=name):
                node = arch.xpath(f"//field[@name='{name}']")
                self.assertTrue(node)
                self.assertEqual(node[0].get("groups"), "base.group_no_one")

    def test_clerk_form_tabs_have_distinct_names(self):
        arch = self._form_arch(self.clerk)
        names = [page.get("string") for page in arch.iter("page")]
        self.assertEqual(len(names), len(set(names)))
        self.assertNotIn("Scan and text", names)

    def test_clerk_rare_actions_are_in_the_gear_menu_with_the_same_checks(self):
        header = self._form_arch(self.clerk).find(".//header")
        buttons = {button.get("name") for button in header.iter("button")}
        for name in ("action_cancel", "action_report_harmful_content"):
            self.assertNotIn(name, buttons)
        document = self._register_incoming()
        context = {
            "active_model": "idesk.document",
            "active_id": document.id,
            "active_ids": document.ids,
        }
        for xmlid, wizard in (
            ("action_server_idesk_document_cancel", "idesk.document.cancel.wizard"),
            ("action_server_idesk_document_upload_scan", "idesk.scan.upload.wizard"),
            (
                "action_server_idesk_document_report_harmful",
                "idesk.content.report.wizard",
            ),
        ):
            with self.subTest(action=xmlid):
                action = self.env.ref(f"idesk_registry.{xmlid}")
                self.assertEqual(action.binding_view_types, "form")
                result = action.with_user(self.clerk).with_context(**context).run()
                self.assertEqual(result["res_model"], wizard)
        # An officer reads the document but keeps no book: the same refusal as the button.
        cancel = self.env.ref("idesk_registry.action_server_idesk_document_cancel")
        with self.assertRaises(AccessError):
            cancel.with_user(self.users["officer"]).with_context(**context).run()
        # Another agency's clerk cannot cancel it either, even through the menu.
        with self.assertRaises(AccessError):
            cancel.with_user(self.clerk_b).with_context(**context).run()
