from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# After a quarter is closed the register entry (number, book columns, files) is
# frozen, but the processing of the document goes on (idesk_distribution), and
# harmful content can still be reported and quarantined (idesk_security, art. 3):
# these fields stay open.
PROCESSING_FIELDS = {
    "process_state",
    "assignment_ids",
    "deadline",
    "recalled",
    "recall_reason",
    "recall_date",
    "received_copy_ids",
    "direction_note",
    "directed_by_id",
    "direction_entered_by_id",
    "direction_date",
    "direction_attachment_id",
    "shared_agency_ids",
    "shared_user_ids",
    "activity_ids",
}
PROCESSING_PREFIXES = ("message_", "activity_", "website_message", "content_")
# Context value no RPC client can forge (JSON cannot carry this object).
PROCESSING_ONLY = object()


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    period_closed = fields.Boolean(
        string="In a closed quarter",
        compute="_compute_period_closed",
        help="The quarter of this entry has been closed: the entry is read-only; "
        "corrections are added as notes.",
    )

    @api.depends("book_id", "quarter", "state")
    def _compute_period_closed(self):
        closed = self._closed_documents()
        for document in self:
            document.period_closed = document in closed

    def _closed_documents(self):
        """The registered entries of ``self`` whose quarter is closed."""
        entries = self.filtered(
            lambda d: d.state != "draft" and d.book_id and d.quarter
        )
        if not entries:
            return self.browse()
        closures = (
            self.env["idesk.book.closure"]
            .sudo()
            .search_fetch(
                [("book_id", "in", entries.book_id.ids), ("state", "=", "closed")],
                ["book_id", "quarter"],
            )
        )
        closed = {(c.book_id.id, c.quarter) for c in closures}
        return entries.filtered(lambda d: (d.book_id.id, d.quarter) in closed)

    # ------------------------------------------------------------------
    # Freezing closed quarters
    # ------------------------------------------------------------------
    @api.model
    def _is_processing_field(self, name):
        return name in PROCESSING_FIELDS or name.startswith(PROCESSING_PREFIXES)

    def write(self, vals):
        if vals and all(self._is_processing_field(name) for name in vals):
            self = self.with_context(idesk_period_processing=PROCESSING_ONLY)
        return super().write(vals)

    def _check_period_open(self):
        """Refuse any change of an entry in a closed quarter, for every user
        (superuser included): the printed, hashed book must stay true."""
        result = super()._check_period_open()
        if self.env.context.get("idesk_period_processing") is PROCESSING_ONLY:
            return result
        closed = self._closed_documents()
        if closed:
            raise UserError(
                self.env._(
                    "%(entry)s belongs to a closed quarter of its register book: its number, fields and "
                    "files can no longer change. Add a correction note instead, or ask the network "
                    "administrator to reopen the quarter.",
                    entry=closed[0].display_name,
                )
            )
        return result

    # ------------------------------------------------------------------
    # Corrections after closing
    # ------------------------------------------------------------------
    def action_add_correction_note(self, note=None):
        """Open the correction wizard, or post the correction ``note``."""
        if note is None:
            self.check_access("read")
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Correction note"),
                "res_model": "idesk.correction.note.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_document_ids": [(6, 0, self.ids)]},
            }
        self._check_can_add_correction_note(note)
        return self._do_add_correction_note(note)

    def _check_can_add_correction_note(self, note):
        if not self.env.user.has_group("idesk_security.group_idesk_clerk"):
            raise AccessError(
                self.env._(
                    "Only a clerk may add a correction note to a register entry."
                )
            )
        self.check_access("read")
        if not (note or "").strip():
            raise UserError(self.env._("Write the correction."))
        if self.filtered(lambda d: d.state == "draft"):
            raise UserError(
                self.env._("A draft is corrected by editing it, not with a note.")
            )

    def _do_add_correction_note(self, note):
        body = Markup("<p><b>%s</b></p><p>%s</p>") % (
            self.env._("Correction of the register entry"),
            escape(note.strip()),
        )
        for document in self:
            document.message_post(
                body=body, message_type="comment", subtype_xmlid="mail.mt_note"
            )
        return True
