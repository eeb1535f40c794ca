import base64
from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged

from .common import IdeskRegistryCase, make_scan_image
from .test_scan_ocr import SCAN_LINES


@tagged("post_install", "-at_install")
class TestIntakeApi(HttpCase, IdeskRegistryCase):
    """An office scanner pushes its files with the clerk's account."""

    def _call(self, role, files):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            self.users[role].id,
            f"reg_{role}_pass1234",
            "idesk.document",
            "action_intake_scans",
            [files],
            {},
        )

    def test_scanner_rpc_clerk_pushes_scan_draft_made(self):
        page = make_scan_image(SCAN_LINES, dpi=300)
        action = self._call(
            "clerk", [{"name": "scan0001.png", "data": base64.b64encode(page).decode()}]
        )
        draft = self.Document.browse(action["res_id"])
        self.assertEqual(draft.agency_id, self.agency_a)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.origin_number_symbol, "245/QĐ-UBND")
        self.assertEqual(draft.scan_attachment_id.mimetype, "application/pdf")

    def test_scanner_rpc_officer_refused(self):
        before = self.Document.search_count([])
        page = base64.b64encode(make_scan_image(["QUYẾT ĐỊNH"], dpi=100)).decode()
        with self.assertRaises(Fault) as refusal:
            self._call("officer", [{"name": "scan.png", "data": page}])
        # in the scanner account's language (the demo's users speak Vietnamese)
        self.assertRegex(
            refusal.exception.faultString, "Only a clerk|Chỉ văn thư mới được tiếp nhận"
        )
        self.assertEqual(self.Document.search_count([]), before)
