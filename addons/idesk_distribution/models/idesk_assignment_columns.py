from odoo import api, fields, models


class IdeskAssignment(models.Model):
    """What a person decides on, shown in the lists of assignments: the
    document's number and symbol as its issuer wrote it, the issuer, the
    summary and the urgency.

    Computed as the current user, and empty when they may not open the
    document: these columns never show a document through the assignment."""

    _inherit = "idesk.assignment"

    document_number_symbol = fields.Char(
        string="Number and symbol", compute="_compute_document_columns"
    )
    document_issuer = fields.Char(string="Issuer", compute="_compute_document_columns")
    document_summary = fields.Char(
        string="Summary", compute="_compute_document_columns"
    )
    document_urgency_id = fields.Many2one(
        "idesk.urgency", string="Urgency", compute="_compute_document_columns"
    )
    document_is_urgent = fields.Boolean(
        string="Urgent document", compute="_compute_document_columns"
    )

    @api.depends_context("uid")
    @api.depends(
        "document_id.direction",
        "document_id.symbol",
        "document_id.origin_number_symbol",
        "document_id.issuing_body_name",
        "document_id.agency_id",
        "document_id.summary",
        "document_id.urgency_id",
    )
    def _compute_document_columns(self):
        readable = self.document_id._idesk_readable()
        for assignment in self:
            document = assignment.document_id
            if not document or document not in readable:
                assignment.update(
                    {
                        "document_number_symbol": False,
                        "document_issuer": False,
                        "document_summary": False,
                        "document_urgency_id": False,
                        "document_is_urgent": False,
                    }
                )
                continue
            # Read as superuser only what the user may open (checked above):
            # the sender's agency of a received document included (the
            # committee for its office, as the received copy's issuer).
            document = document.sudo()
            outgoing = document.direction == "outgoing"
            assignment.update(
                {
                    "document_number_symbol": document.symbol
                    if outgoing
                    else document.origin_number_symbol,
                    "document_issuer": document._symbol_agency(document.agency_id).name
                    if outgoing
                    else document.issuing_body_name,
                    "document_summary": (document.summary or "").strip(),
                    "document_urgency_id": document.urgency_id,
                    "document_is_urgent": document.is_urgent,
                }
            )
