from odoo import _, fields, models
from odoo.exceptions import UserError


class IdeskDocument(models.Model):
    _inherit = "idesk.document"

    def web_save(self, vals, specification, next_id=None):
        """Refuse a save made on an older version of the document.

        The web client sends ``edit_since``, the write date of the version the
        person opened (static/src/js/edit_conflict.js); an RPC client may send it
        too. Without it, the second of two clerks editing the same document would
        silently overwrite the first one's changes.
        """
        edit_since = vals.pop("edit_since", None)
        if edit_since and self:
            self._check_not_changed_since(fields.Datetime.to_datetime(edit_since))
        return super().web_save(vals, specification, next_id=next_id)

    def _check_not_changed_since(self, edit_since):
        # The web client knows write dates to the second.
        for document in self:
            if document.write_date.replace(microsecond=0) > edit_since:
                raise UserError(
                    _(
                        "%(user)s changed this document at %(time)s, after you opened it. "
                        "Reload the page to see their changes, then make yours again.",
                        user=document.write_uid.name,
                        time=fields.Datetime.context_timestamp(
                            document, document.write_date
                        ).strftime("%H:%M:%S %d/%m/%Y"),
                    )
                )
