from odoo.tests import tagged

from .common import IdeskRegistryCase


@tagged("post_install", "-at_install")
class TestHealthOcr(IdeskRegistryCase):
    def _line(self, name):
        Line = (
            self.env["idesk.health.line"]
            .with_user(self.users["admin"])
            .with_context(lang="en_US")
        )
        action = Line.action_open_health()
        return Line.search(action["domain"]).filtered(lambda line: line.name == name)

    def test_admin_health_shows_ocr_queue_and_failures(self):
        self.Document.search([("ocr_state", "in", ("pending", "failed"))]).sudo().write(
            {"ocr_state": "done"}
        )
        self.assertEqual(self._line("Scans whose text recognition failed").status, "ok")
        document = self._register_incoming()
        document.sudo().write(
            {"ocr_state": "failed", "ocr_attempts": 3, "ocr_error": "tesseract crashed"}
        )
        failed = self._line("Scans whose text recognition failed")
        self.assertEqual((failed.value, failed.status), ("1", "error"))
        last = self._line("Last text recognition failure")
        self.assertIn("tesseract crashed", last.value)
        self.assertEqual(self._line("Scans waiting for text recognition").value, "0")
