import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.idesk_drafting.tools import marks

from .common import DraftingCommon, libreoffice_file


@tagged("post_install", "-at_install")
class TestDraftingFiles(DraftingCommon, TransactionCase):
    def test_odt_draft_turned_into_pdf_by_libreoffice_and_issued(self):
        odt = libreoffice_file(
            "CÔNG VĂN\nSố: ......./UBND-TCKH\n"
            "An Nhơn, ngày ..... tháng ..... năm 2026\nNội dung dự thảo ODT.\n",
            "odt",
        )
        draft = self._new_draft()
        self._upload(draft, "du-thao.odt", odt)
        version = draft.main_version_id
        self.assertEqual((version.number, version.file_type), (2, "odt"))
        self.assertEqual(version.attachment_id.raw, odt)
        self.assertIn(
            "Nội dung dự thảo ODT", marks.pdf_text(version.pdf_attachment_id.raw)
        )
        self._sign_through(draft)
        draft.with_user(self.clerk).action_issue()
        text = marks.pdf_text(draft.document_id.scan_attachment_id.raw)
        self.assertIn(f"Số: {draft.document_id.symbol}", text)

    def test_docx_appendix_kept_and_broken_docx_refused(self):
        docx = libreoffice_file("Phụ lục: bảng số liệu.\n", "docx")
        draft = self._new_draft()
        self._upload(draft, "phu-luc.docx", docx, kind="appendix")
        appendix = draft.version_ids.filtered(lambda v: v.kind == "appendix")
        self.assertEqual(appendix.file_type, "docx")
        self.assertEqual(draft.main_version_id.number, 1)

        broken = io.BytesIO()
        with zipfile.ZipFile(broken, "w") as archive:
            archive.writestr("[Content_Types].xml", "<garbage")
            archive.writestr("word/document.xml", "not a document")
        with self.assertRaises(UserError) as refusal:
            self._upload(draft, "hong.docx", broken.getvalue())
        self.assertIn("LibreOffice could not read hong.docx", refusal.exception.args[0])
        self.assertEqual(len(draft.version_ids), 2)

    def test_submit_without_text_or_signer_says_why(self):
        draft = self.Draft.with_user(self.drafter).create(
            {
                "type_id": self.doc_type.id,
                "summary": "Chưa có tệp",
                "recipient_agency_ids": [(6, 0, self.commune.ids)],
            }
        )
        with self.assertRaises(UserError) as refusal:
            draft.with_user(self.drafter).action_submit()
        self.assertIn("Upload the text of the document", refusal.exception.args[0])
        self.assertFalse(draft.step_ids)
        self.assertEqual(draft.state, "draft")
