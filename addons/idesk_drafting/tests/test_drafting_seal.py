import base64
import io
import subprocess
import tempfile
import zipfile

from PyPDF2 import PdfReader, PdfWriter

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf
from odoo.addons.idesk_drafting.tools import marks

from .common import DraftingCommon, libreoffice_file


def images_by_page(pdf):
    """``pdfimages -list``: ``[(page, type, width, height)]`` of the PDF's images."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        listing = subprocess.run(
            ["pdfimages", "-list", handle.name],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout.decode()
    rows = []
    for line in listing.splitlines()[2:]:
        cells = line.split()
        rows.append((int(cells[0]), cells[2], int(cells[3]), int(cells[4])))
    return rows


def two_page_draft(signer):
    """A draft whose signature block is on its second page."""
    first = sample_draft_pdf("Báo cáo hai trang", "Trang một.", signer="", position="")
    second = sample_draft_pdf("Báo cáo hai trang", "Trang hai.", signer=signer)
    writer = PdfWriter()
    for data in (first, second):
        writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestDraftingSeal(DraftingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with file_open("idesk_drafting/static/img/demo_seal.png", "rb") as handle:
            cls.seal = handle.read()

    def _issue(self, draft):
        self._sign_through(draft)
        draft.with_user(self.clerk).action_issue()
        return draft.document_id

    def test_clerk_issue_draws_the_office_seal_over_the_signature(self):
        self.office.seal_image = base64.b64encode(self.seal)
        draft = self._new_draft()
        self._upload(draft, "hai-trang.pdf", two_page_draft(self.chairman.name))
        document = self._issue(draft)
        pdf = document.scan_attachment_id.raw
        # The seal image (300 × 300 pixels) is on the last page, nowhere else.
        seals = [row for row in images_by_page(pdf) if row[1:] == ("image", 300, 300)]
        self.assertEqual([row[0] for row in seals], [2])
        text = " ".join(marks.pdf_text(pdf).split())
        self.assertIn(self.office.name, text)
        signed_at = draft._agency_time(draft.issue_date)
        self.assertRegex(signed_at, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
        self.assertIn(signed_at, text)
        self.assertIn(f"Số: {document.symbol}", text)
        # The number is written over its dots only: the place before the date stays.
        self.assertIn("An Nhơn, ngày", text)
        self.assertTrue(document.stamped)
        self.assertEqual(document.stamped_by_id, self.clerk)

    def test_clerk_issue_without_a_seal_image_stamps_nothing(self):
        document = self._issue(self._new_draft())
        self.assertFalse(document.stamped)
        self.assertEqual(images_by_page(document.scan_attachment_id.raw), [])

    def test_seal_covers_the_left_third_of_the_signature(self):
        pdf = sample_draft_pdf("Báo cáo", "Nội dung.", signer="Nguyễn Văn An")
        page, box = marks.signature_box(pdf, ["Nguyễn Văn An", "Chủ tịch"])
        self.assertEqual(page, 0)
        words = marks._words(pdf)
        height = float(PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height)
        name = next(w for w in words if w[4] == "Nguyễn")
        # (the last "CHỦ": the first is the motto's "CHỦ NGHĨA")
        position = [w for w in words if w[4] == "CHỦ"][-1]
        x0, y0, x1, y1 = box
        # Between the position (above) and the name (below).
        self.assertAlmostEqual(y1, height - position[3], delta=1)
        self.assertAlmostEqual(y0, height - name[1], delta=1)
        self.assertLessEqual(x0, name[0])
        sx0, sy0, sx1, sy1 = marks.seal_rect(box)
        self.assertAlmostEqual(sx1, x0 + (x1 - x0) / 3)
        self.assertAlmostEqual((sy0 + sy1) / 2, (y0 + y1) / 2)
        self.assertAlmostEqual(sx1 - sx0, marks.SEAL_DIAMETER)

    def test_clerk_issue_converts_and_heads_each_appendix(self):
        draft = self._new_draft()
        self._upload(
            draft,
            "phu-luc-1.docx",
            libreoffice_file("PHỤ LỤC I\nBảng số liệu dự toán.\n", "docx"),
            kind="appendix",
        )
        self._upload(
            draft,
            "phu-luc-2.pdf",
            sample_draft_pdf("Phụ lục II", "Danh sách đơn vị.", position=""),
            kind="appendix",
        )
        docx_version = draft.version_ids.filtered(lambda v: v.name == "phu-luc-1.docx")
        self.assertEqual(docx_version.pdf_attachment_id.mimetype, "application/pdf")
        document = self._issue(draft)
        signed_at = draft._agency_time(draft.issue_date)
        files = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "idesk.document"),
                    ("res_id", "=", document.id),
                    ("name", "in", ["phu-luc-1.pdf", "phu-luc-2.pdf"]),
                ],
                order="name",
            )
        )
        self.assertEqual(len(files), 2)
        for appendix in files:
            self.assertTrue(appendix.raw.startswith(b"%PDF-"))
            head = " ".join(marks.pdf_text(appendix.raw).split())
            self.assertIn(f"Số: {document.symbol}", head)
            self.assertIn(signed_at, head)
            self.assertIn(self.office.name, head)
        self.assertIn("Bảng số liệu dự toán", marks.pdf_text(files[0].raw))
        mail = self.env["mail.mail"].search(
            [("model", "=", "idesk.document"), ("res_id", "=", document.id)]
        )
        self.assertEqual(
            set(mail.attachment_ids.mapped("name")),
            {document.scan_attachment_id.name, "phu-luc-1.pdf", "phu-luc-2.pdf"},
        )

    def test_drafter_bad_appendix_refused_and_nothing_stored(self):
        draft = self._new_draft()
        Attachment = self.env["ir.attachment"].sudo()
        domain = [("res_model", "=", "idesk.draft"), ("res_id", "=", draft.id)]
        count = Attachment.search_count(domain)
        broken = io.BytesIO()
        with zipfile.ZipFile(broken, "w") as archive:
            archive.writestr("[Content_Types].xml", "<garbage")
            archive.writestr("word/document.xml", "not a document")
        cases = [
            ("hong.docx", broken.getvalue(), "LibreOffice could not read hong.docx"),
            ("anh.pdf", b"GIF89a not a document", "is not a DOCX, ODT or PDF"),
            ("rong.pdf", b"", "is empty"),
            ("hu.pdf", b"%PDF-1.4 truncated", "hu.pdf"),
        ]
        for name, data, message in cases:
            with self.assertRaises(UserError) as refusal:
                draft.with_user(self.drafter)._add_version(name, data, "appendix")
            self.assertIn(message, refusal.exception.args[0])
        self.env["ir.config_parameter"].sudo().set_param(
            "idesk_drafting.max_size_mb", "0.001"
        )
        with self.assertRaises(UserError) as refusal:
            self._upload(
                draft, "lon.pdf", sample_draft_pdf("Phụ lục", "x"), kind="appendix"
            )
        self.assertIn("larger than the allowed 0.001 MB", refusal.exception.args[0])
        self.assertEqual(len(draft.version_ids), 1)
        self.assertEqual(Attachment.search_count(domain), count)
