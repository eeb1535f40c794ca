import hashlib

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.idesk_security.tests.common import one_page_pdf

from .common import IdeskReportsCase, one_line, pdf_text

# What the clerk (Vietnamese) reads when a closing is refused.
PREVIOUS_FIRST = "Hãy đóng quý 1 của sổ này trước: các quý được đóng sổ theo thứ tự."
ALREADY_CLOSED = "Quý 2 của sổ này đã được đóng sổ."
ONE_DRAFT = (
    "Còn 1 văn bản của quý này ở trạng thái dự thảo: hãy đăng ký hoặc xóa chúng trước."
)
ENTRY_CLOSED = (
    "%s thuộc một quý đã đóng sổ: số, các trường và tệp của văn bản không thể thay "
    "đổi nữa. Hãy thêm ghi chú đính chính, hoặc đề nghị quản trị mạng mở lại quý."
)


@tagged("post_install", "-at_install")
class TestBookClosure(IdeskReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.q1_entry = cls._entry(cls.book, 1, cls._quarter_day(1))
        cls.q1_cancelled = cls._entry(
            cls.book, 2, cls._quarter_day(1, 12), state="cancelled"
        )
        cls.q2_entry = cls._entry(cls.book, 3, cls._quarter_day(2))
        cls.Closure = cls.env["idesk.book.closure"]

    def _close(self, quarter, user=None):
        return self.Closure.with_user(user or self.clerk).action_close_quarter(
            self.book.id, quarter
        )

    def test_clerk_close_quarter_stores_final_pdf_with_hash(self):
        closure = self._close(1)
        self.assertEqual(closure.state, "closed")
        content = closure.attachment_id.raw
        self.assertEqual(closure.sha256, hashlib.sha256(content).hexdigest())
        self.assertEqual(closure.page_count, 2)
        self.assertEqual(
            (closure.entry_count, closure.first_number, closure.last_number), (2, 1, 2)
        )
        self.assertEqual(closure.closed_by_id, self.clerk)
        cover = one_line(pdf_text(content).split("\f")[0])
        self.assertIn("Từ số 01 đến số 02", cover)

    def test_clerk_close_quarter_before_previous_refused(self):
        with self.assertRaises(UserError) as refusal:
            self._close(2)
        self.assertEqual(str(refusal.exception), PREVIOUS_FIRST)
        self.assertFalse(self.Closure.sudo().search([("book_id", "=", self.book.id)]))

    def test_clerk_close_quarters_in_order(self):
        self._close(1)
        closure = self._close(2)
        self.assertEqual(closure.entry_count, 1)
        with self.assertRaises(UserError) as refusal:
            self._close(2)
        self.assertEqual(str(refusal.exception), ALREADY_CLOSED)

    def test_clerk_close_quarter_with_draft_refused(self):
        self._entry(self.book, 0, self._quarter_day(1, 25), state="draft")
        with self.assertRaises(UserError) as refusal:
            self._close(1)
        self.assertEqual(str(refusal.exception), ONE_DRAFT)
        self.assertFalse(self.Closure.sudo().search([("book_id", "=", self.book.id)]))

    def test_officer_close_quarter_refused(self):
        with self.assertRaises(AccessError):
            self._close(1, user=self.officer)

    def test_every_role_write_closed_entry_refused(self):
        self.q1_entry.with_user(self.clerk).write({"note": "Trước khi đóng sổ"})
        self._close(1)
        for user in (self.clerk, self.leader, self.officer, self.admin):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.q1_entry.with_user(user).write({"summary": "Sửa sau khi đóng sổ"})
        with self.assertRaises(UserError) as refusal:
            self.q1_entry.sudo().write({"note": "Sửa bằng quyền tối cao"})
        self.assertEqual(
            str(refusal.exception), ENTRY_CLOSED % self.q1_entry.display_name
        )
        with self.assertRaises(UserError):
            self.q1_cancelled.sudo()._registry_sudo().write({"number": 99})
        self.assertEqual(self.q1_entry.note, "Trước khi đóng sổ")
        self.assertTrue(self.q1_entry.period_closed)
        # the next quarter is still open
        self.q2_entry.with_user(self.clerk).write({"note": "Quý 2 còn mở"})
        self.assertFalse(self.q2_entry.period_closed)

    def test_every_role_attach_file_to_closed_entry_refused(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "scan.pdf",
                "raw": one_page_pdf("scan"),
                "res_model": "idesk.document",
                "res_id": self.q1_entry.id,
            }
        )
        self._close(1)
        with self.assertRaises(UserError) as refusal:
            self.env["ir.attachment"].sudo().create(
                {
                    "name": "scan2.pdf",
                    "raw": one_page_pdf("other"),
                    "res_model": "idesk.document",
                    "res_id": self.q1_entry.id,
                }
            )
        self.assertEqual(
            str(refusal.exception), ENTRY_CLOSED % self.q1_entry.display_name
        )
        with self.assertRaises(UserError):
            attachment.sudo().write({"raw": one_page_pdf("changed")})
        with self.assertRaises(UserError):
            attachment.sudo().unlink()

    def test_anyone_check_integrity_detects_changed_file(self):
        closure = self._close(1)
        closure.with_user(self.officer).action_check_integrity()
        self.assertEqual(closure.integrity_state, "ok")
        attachment = closure.attachment_id.sudo()
        path = attachment._full_path(attachment.store_fname)
        with open(path, "rb") as stored:
            original = stored.read()
        try:
            with open(path, "r+b") as stored:
                stored.seek(200)
                stored.write(b"FORGED")
            action = closure.with_user(self.officer).action_check_integrity()
        finally:
            # the filestore is shared by identical contents: put the true book back
            with open(path, "wb") as stored:
                stored.write(original)
        self.assertEqual(closure.integrity_state, "mismatch")
        self.assertEqual(action["params"]["type"], "danger")

    def test_anyone_change_stored_final_book_refused(self):
        closure = self._close(1)
        with self.assertRaises(UserError):
            closure.attachment_id.sudo().write({"raw": b"%PDF-1.4 forged"})
        with self.assertRaises(UserError):
            closure.attachment_id.sudo().unlink()
        with self.assertRaises(UserError):
            closure.sudo().write({"sha256": "0" * 64})

    def test_clerk_reopen_refused(self):
        closure = self._close(1)
        with self.assertRaises(AccessError):
            closure.with_user(self.clerk).action_reopen("Sai sót")
        with self.assertRaises(AccessError):
            closure.with_user(self.leader).action_reopen("Sai sót")
        self.assertEqual(closure.state, "closed")

    def test_admin_reopen_without_reason_refused(self):
        closure = self._close(1)
        with self.assertRaises(UserError):
            closure.with_user(self.admin).action_reopen("   ")
        self.assertEqual(closure.state, "closed")

    def test_admin_reopen_with_reason_traced_and_entries_open(self):
        closure = self._close(1)
        closure.with_user(self.admin).action_reopen("Nhập nhầm trích yếu số 01")
        self.assertEqual(closure.state, "reopened")
        self.assertEqual(closure.reopened_by_id, self.admin)
        self.assertIn("Nhập nhầm trích yếu số 01", closure.message_ids[0].body)
        self.q1_entry.with_user(self.clerk).write({"note": "Đã sửa sau khi mở lại"})
        self.assertEqual(self.q1_entry.note, "Đã sửa sau khi mở lại")
        log = (
            self.env["idesk.security.log"]
            .sudo()
            .search(
                [("res_model", "=", "idesk.book.closure"), ("res_id", "=", closure.id)]
            )
        )
        self.assertEqual(len(log), 1)
        again = self._close(1)
        self.assertEqual(again.state, "closed")

    def test_clerk_correction_note_after_closing(self):
        self._close(1)
        self.q1_entry.with_user(self.clerk).action_add_correction_note(
            "Số ký hiệu đúng là 1/QĐ-UBND"
        )
        message = self.q1_entry.message_ids[0]
        self.assertIn("Số ký hiệu đúng là 1/QĐ-UBND", message.body)
        self.assertEqual(message.author_id, self.clerk.partner_id)
        with self.assertRaises(UserError):
            self.q1_entry.with_user(self.clerk).action_add_correction_note("  ")

    def test_leader_processing_goes_on_after_closing(self):
        self._close(1)
        self.q1_entry.sudo().write({"shared_user_ids": [(4, self.officer.id)]})
        self.assertIn(self.officer, self.q1_entry.shared_user_ids)
        with self.assertRaises(UserError):
            self.q1_entry.sudo().write(
                {"shared_user_ids": [(4, self.leader.id)], "note": "x"}
            )

    def test_clerk_close_quarter_with_draft_not_yet_in_a_book_refused(self):
        draft = self._entry(self.book, 0, self._quarter_day(1, 26), state="draft")
        draft._registry_sudo().write({"book_id": False})
        with self.assertRaises(UserError) as refusal:
            self._close(1)
        self.assertEqual(str(refusal.exception), ONE_DRAFT)
        self.assertFalse(self.Closure.sudo().search([("book_id", "=", self.book.id)]))
