from odoo import fields, models


class IdeskDocument(models.Model):
    """An outgoing document issued from a draft, and the replies of an incoming one."""

    _inherit = "idesk.document"

    draft_id = fields.Many2one(
        "idesk.draft",
        string="Draft",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    reply_to_document_id = fields.Many2one(
        "idesk.document",
        string="In reply to",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    reply_ids = fields.One2many(
        "idesk.document", "reply_to_document_id", string="Replies", readonly=True
    )
