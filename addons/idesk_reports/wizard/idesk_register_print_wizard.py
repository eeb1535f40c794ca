import base64
from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.idesk_register_book import quarter_bounds


def current_quarter(day):
    return str((day.month - 1) // 3 + 1)


class IdeskRegisterPrintWizard(models.TransientModel):
    """Print a quarter or a whole year of a register book, as PDF and XLSX."""

    _name = "idesk.register.print.wizard"
    _description = "Print a register book"
    _inherit = ["idesk.input.mixin"]

    book_id = fields.Many2one(
        "idesk.register.book",
        string="Register book",
        required=True,
        default=lambda self: self._default_book(),
    )
    book_kind = fields.Selection(
        [("book", "Register book"), ("tracking", "Processing tracking book")],
        string="Book to print",
        default="book",
        required=True,
    )
    period = fields.Selection(
        [("quarter", "Quarter"), ("year", "Whole year")],
        default="quarter",
        required=True,
    )
    quarter = fields.Selection(
        [
            ("1", "Quarter I"),
            ("2", "Quarter II"),
            ("3", "Quarter III"),
            ("4", "Quarter IV"),
        ],
        default=lambda self: current_quarter(fields.Date.context_today(self)),
    )
    pdf_file = fields.Binary(string="PDF", readonly=True, attachment=True)
    pdf_filename = fields.Char(readonly=True)
    xlsx_file = fields.Binary(string="Spreadsheet", readonly=True, attachment=True)
    xlsx_filename = fields.Char(readonly=True)
    page_count = fields.Integer(readonly=True)

    @api.model
    def _default_book(self):
        agency = self.env.user.agency_id
        if not agency:
            return False
        return self.env["idesk.register.book"].search(
            [
                ("agency_id", "=", agency.id),
                ("direction", "=", "incoming"),
                ("year", "=", fields.Date.context_today(self).year),
            ],
            limit=1,
        )

    def _period_bounds(self):
        self.ensure_one()
        if self.period == "year":
            return (
                quarter_bounds(self.book_id.year, 1)[0],
                quarter_bounds(self.book_id.year, 4)[1],
                1,
            )
        if not self.quarter:
            raise UserError(self.env._("Choose the quarter to print."))
        first, last = quarter_bounds(self.book_id.year, int(self.quarter))
        return first, last, int(self.quarter)

    def _file_stem(self):
        period = (
            f"Q{self.quarter}-{self.book_id.year}"
            if self.period == "quarter"
            else str(self.book_id.year)
        )
        kind = "tracking-" if self.book_kind == "tracking" else ""
        return f"{kind}{self.book_id.name} - {period}".replace("/", "-")

    def action_print_pdf(self):
        self.ensure_one()
        self.book_id.check_access("read")
        date_from, date_to, volume = self._period_bounds()
        content, pages = self.book_id._render_pdf_bytes(
            date_from, date_to, tracking=self.book_kind == "tracking", volume=volume
        )
        self.write(
            {
                "pdf_file": base64.b64encode(content),
                "pdf_filename": f"{self._file_stem()}.pdf",
                "page_count": pages,
            }
        )
        return self._download("pdf_file", "pdf_filename")

    def action_print_xlsx(self):
        self.ensure_one()
        self.book_id.check_access("read")
        date_from, date_to, volume = self._period_bounds()
        content = self.book_id._render_xlsx_bytes(
            date_from, date_to, tracking=self.book_kind == "tracking", volume=volume
        )
        self.write(
            {
                "xlsx_file": base64.b64encode(content),
                "xlsx_filename": f"{self._file_stem()}.xlsx",
            }
        )
        return self._download("xlsx_file", "xlsx_filename")

    def _download(self, field, filename_field):
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/{field}/{quote(self[filename_field])}?download=true",
            "target": "self",
        }
