import base64
import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import IdeskReportsCase, one_line, pdf_text, pdf_words

INCOMING_COLUMNS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
OUTGOING_COLUMNS = [
    "Số, ký hiệu",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Người ký",
    "Nơi nhận",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
TRACKING_COLUMNS = [
    "Số đến",
    "Tên loại, số, ký hiệu, ngày, cơ quan ban hành",
    "Đơn vị/người nhận",
    "Thời hạn giải quyết",
    "Tiến độ giải quyết",
    "Số, ký hiệu văn bản trả lời",
    "Ghi chú",
]


@tagged("post_install", "-at_install")
class TestRegisterBookPdf(IdeskReportsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        day = cls._quarter_day(1)
        cls.entries = [
            cls._entry(cls.book, 1, day),
            cls._entry(cls.book, 2, day, state="cancelled"),
            cls._entry(cls.book, 3, cls._quarter_day(1, 20)),
        ]
        cls.out_book = cls.env["idesk.register.book"].create(
            {
                "name": f"Sổ văn bản đi {cls.year}",
                "agency_id": cls.office.id,
                "direction": "outgoing",
                "year": cls.year,
                "is_default": False,
            }
        )
        cls._entry(cls.out_book, 1, day, symbol="01/QĐ-UBNDT", copies_count=3)
        cls.first, cls.last = cls._quarter_bounds(1)

    @classmethod
    def _quarter_bounds(cls, quarter):
        from ..models.idesk_register_book import quarter_bounds

        return quarter_bounds(cls.year, quarter)

    def _print(self, book, tracking=False, user=None):
        book = book.with_user(user or self.clerk).with_context(lang="vi_VN")
        content, pages = book._render_pdf_bytes(
            self.first, self.last, tracking=tracking, volume=1
        )
        self.assertTrue(content.startswith(b"%PDF"))
        return content, pages

    def test_clerk_print_incoming_columns_in_legal_order(self):
        content, _pages = self._print(self.book)
        self.assertIn(
            " ".join(INCOMING_COLUMNS), one_line(pdf_text(content, layout=False))
        )

    def test_clerk_print_outgoing_columns_in_legal_order(self):
        content, _pages = self._print(self.out_book)
        text = one_line(pdf_text(content, layout=False))
        self.assertIn(" ".join(OUTGOING_COLUMNS), text)
        self.assertIn("01/QĐ-UBNDT", text)

    def test_clerk_print_tracking_book_columns_in_legal_order(self):
        content, _pages = self._print(self.book, tracking=True)
        self.assertIn(
            " ".join(TRACKING_COLUMNS), one_line(pdf_text(content, layout=False))
        )

    def test_clerk_print_cover_shows_numbers_dates_and_volume(self):
        content, _pages = self._print(self.book)
        cover = one_line(pdf_text(content).split("\f")[0])
        self.assertIn("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", cover)
        self.assertIn("Từ số 01 đến số 03", cover)
        self.assertIn(f"Từ ngày 01/01/{self.year} đến ngày 31/03/{self.year}", cover)
        self.assertIn(f"Năm {self.year}", cover)
        self.assertIn("VĂN PHÒNG THỬ NGHIỆM", cover)

    def test_clerk_print_cancelled_entry_is_shown_cancelled(self):
        content, _pages = self._print(self.book)
        text = one_line(pdf_text(content, layout=False))
        self.assertIn("Đã hủy: Đăng ký trùng số", text)
        self.assertIn("2/QĐ-UBND", text, "a cancelled entry keeps its line in the book")

    def test_clerk_print_cancelled_note_stays_in_its_column(self):
        content, _pages = self._print(self.book)
        # the cancelled entry's transfer date and signature are empty; the
        # book's headers are centred
        self._assert_in_column(pdf_words(content, page=2), "Đã", "Ghi", slack=30)

    def test_clerk_print_vietnamese_text_survives(self):
        content, _pages = self._print(self.book)
        text = pdf_text(content)
        self.assertIn("Quyết định", text)
        self.assertIn("Nhơn Hậu", text)
        self.assertIn("UBND tỉnh Bình Định", text)

    def test_clerk_print_page_numbers_x_of_y(self):
        content, pages = self._print(self.book)
        self.assertEqual(pages, 2, "a cover and one page of entries")
        self.assertIn(f"Trang 2/{pages}", one_line(pdf_text(content)))

    def test_clerk_print_header_repeated_on_every_page(self):
        for number in range(4, 80):
            self._entry(self.book, number, self._quarter_day(2, 1 + number % 20))
        self.first, self.last = self._quarter_bounds(2)
        content, pages = self._print(self.book)
        self.assertGreater(pages, 3)
        table_pages = pdf_text(content, layout=False).split("\f")[1:pages]
        self.assertEqual(len(table_pages), pages - 1)
        for page in table_pages:
            self.assertIn(" ".join(INCOMING_COLUMNS), one_line(page))

    def test_clerk_export_xlsx_has_the_same_rows(self):
        book = self.book.with_user(self.clerk).with_context(lang="vi_VN")
        content = book._render_xlsx_bytes(self.first, self.last)
        self.assertTrue(content.startswith(b"PK"), "an XLSX file is a zip archive")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            # constant_memory mode writes inline strings into the sheet itself
            strings = archive.read("xl/worksheets/sheet1.xml").decode()
        for title in INCOMING_COLUMNS:
            self.assertIn(title, strings)
        self.assertIn("Đã hủy: Đăng ký trùng số", strings)

    def test_clerk_print_wizard_gives_a_download(self):
        wizard = (
            self.env["idesk.register.print.wizard"]
            .with_user(self.clerk)
            .create(
                {
                    "book_id": self.book.id,
                    "period": "quarter",
                    "quarter": "1",
                }
            )
        )
        action = wizard.action_print_pdf()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(wizard.page_count, 2)
        self.assertTrue(wizard.pdf_filename.endswith(".pdf"))
        self.assertIn(f"/{wizard.id}/pdf_file/", action["url"])
        content = base64.b64decode(wizard.with_context(bin_size=False).pdf_file)
        self.assertIn("Nhơn Hậu", pdf_text(content))

    def test_leader_print_whole_year_covers_every_quarter(self):
        self._entry(self.book, 4, self._quarter_day(3))
        wizard = (
            self.env["idesk.register.print.wizard"]
            .with_user(self.leader)
            .create({"book_id": self.book.id, "period": "year"})
        )
        wizard.with_context(lang="vi_VN").action_print_pdf()
        content = base64.b64decode(wizard.with_context(bin_size=False).pdf_file)
        cover = one_line(pdf_text(content).split("\f")[0])
        self.assertIn(f"Từ ngày 01/01/{self.year} đến ngày 31/12/{self.year}", cover)
        self.assertIn("Từ số 01 đến số 04", cover)
        self.assertIn("4/QĐ-UBND", pdf_text(content))

    def test_clerk_print_tracking_book_of_outgoing_refused(self):
        with self.assertRaises(UserError):
            self._print(self.out_book, tracking=True)
