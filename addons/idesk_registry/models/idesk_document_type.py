from odoo import api, fields, models


class IdeskDocumentType(models.Model):
    """Types of administrative documents and their abbreviations (Decree 30/2020,
    Appendix III). Official letters (công văn) have no abbreviation: their symbol
    names the drafting unit instead."""

    _name = "idesk.document.type"
    _description = "Document type"
    _inherit = ["idesk.input.mixin"]
    _order = "sequence, name"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, translate=False)
    code = fields.Char(
        string="Abbreviation",
        size=10,
        help="Abbreviation used in symbols (Appendix III), e.g. QĐ. Empty for official letters.",
    )
    is_official_letter = fields.Boolean(
        string="Official letter",
        help="Symbol number/AGENCY-UNIT instead of number/TYPE-AGENCY.",
    )
    processing_days = fields.Integer(
        string="Processing time (working days)", default=10
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_uniq",
            "unique(code)",
            "This abbreviation is already used by another document type.",
        ),
    ]

    @api.depends("name", "code")
    def _compute_display_name(self):
        for doc_type in self:
            doc_type.display_name = (
                f"{doc_type.name} ({doc_type.code})" if doc_type.code else doc_type.name
            )
