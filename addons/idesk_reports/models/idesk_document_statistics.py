from odoo import fields, models, tools
from odoo.tools import SQL


class IdeskDocumentStatistics(models.Model):
    """Documents registered, by type, issuing body, month and unit (art. 8)."""

    _name = "idesk.document.statistics"
    _description = "Document statistics"
    _auto = False
    _order = "registration_month desc"
    _rec_name = "document_id"

    document_id = fields.Many2one("idesk.document", string="Document", readonly=True)
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")], readonly=True
    )
    state = fields.Selection(
        [("registered", "Registered"), ("cancelled", "Cancelled")], readonly=True
    )
    agency_id = fields.Many2one("idesk.agency", string="Agency", readonly=True)
    book_id = fields.Many2one(
        "idesk.register.book", string="Register book", readonly=True
    )
    type_id = fields.Many2one(
        "idesk.document.type", string="Document type", readonly=True
    )
    issuing_body_name = fields.Char(string="Issuing body", readonly=True)
    unit_id = fields.Many2one("idesk.agency", string="Receiving unit", readonly=True)
    registration_month = fields.Date(string="Month", readonly=True)
    is_urgent = fields.Boolean(string="Urgent", readonly=True)
    document_count = fields.Integer(string="Documents", readonly=True, aggregator="sum")
    page_count = fields.Integer(string="Pages", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT d.id AS id,
                       d.id AS document_id,
                       d.direction,
                       d.state,
                       d.agency_id,
                       d.book_id,
                       d.type_id,
                       d.issuing_body_name,
                       d.recipient_agency_id AS unit_id,
                       date_trunc('month', d.registration_date AT TIME ZONE 'UTC'
                                  AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS registration_month,
                       d.is_urgent,
                       1 AS document_count,
                       COALESCE(d.page_count, 0) AS page_count
                  FROM idesk_document d
                 WHERE d.state IN ('registered', 'cancelled')
            )
        """,
                SQL.identifier(self._table),
            )
        )
