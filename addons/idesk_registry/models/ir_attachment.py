import base64
import binascii

from odoo import api, models
from odoo.exceptions import UserError

from ..tools import scan

DOCUMENT = "idesk.document"
# Context value no RPC client can forge (JSON cannot carry it): the files the
# registry attaches itself were checked by ``_prepare_scan`` or made by it.
SCAN_CHECKED = object()
# What makes a stored file the original that was registered: its bytes...
CONTENT_FIELDS = ("raw", "datas", "db_datas")
# ...what describes them, and the record they belong to.
ORIGINAL_FIELDS = {
    *CONTENT_FIELDS,
    # A registered original is never put on a link that needs no login.
    "public",
    "name",
    "mimetype",
    "type",
    "url",
    "store_fname",
    "file_size",
    "checksum",
    "res_model",
    "res_id",
    "res_field",
}


class IrAttachment(models.Model):
    """Files of a document: checked as scans when they arrive, whatever the
    route (chatter, ``message_post``, RPC); frozen once the document is
    registered.

    ======================  ================================================
    Who                     May
    ======================  ================================================
    anyone with access      attach a file that passes the scan checks
    draft's owners          replace or delete the files of a draft
    nobody, superuser too   change or delete a file of a registered
                            (or cancelled) document
    ======================  ================================================
    """

    _inherit = "ir.attachment"

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # With its defaults: ``default_res_model`` in the context must not
        # carry a file past the checks.
        vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
        for vals in vals_list:
            if (vals.get("res_model") or "").startswith("idesk."):
                # The files of iDESK records are never on a link that opens
                # without login (``default_public`` sent with an action).
                vals["public"] = False
        if not self._idesk_is_checked():
            for vals in vals_list:
                if vals.get("res_model") == DOCUMENT:
                    self._idesk_check_arriving(_content(vals), vals.get("name"), vals)
        return super().create(vals_list)

    def write(self, vals):
        if ORIGINAL_FIELDS & set(vals):
            vals = dict(vals)
            # The access check first: a stranger learns nothing of the file.
            self.check("write", values=vals)
            self._idesk_check_original_kept(vals)
            if not self._idesk_is_checked():
                for attachment in self.sudo():
                    attachment._idesk_check_arriving_by_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered_original(self):
        # A draft's files go with the draft (its row is deleted first).
        if self._idesk_registered_originals():
            raise UserError(self._idesk_original_kept_message())

    def _postprocess_contents(self, values):
        """A document's files are evidence: kept byte for byte (no resizing)."""
        if (
            self._idesk_is_checked()
            or values.get("res_model") == DOCUMENT
            or DOCUMENT in self.sudo().mapped("res_model")
        ):
            values["mimetype"] = self._compute_mimetype(values)
            return values
        return super()._postprocess_contents(values)

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _idesk_is_checked(self):
        return self.env.context.get("idesk_scan_checked") is SCAN_CHECKED

    def _idesk_registered_originals(self):
        """The attachments of ``self`` that belong to a registered document."""
        # sudo: which document a file belongs to decides, not who asks.
        attachments = self.sudo()
        document_ids = {a.res_id for a in attachments if a.res_model == DOCUMENT}
        registered = (
            self.env[DOCUMENT]
            .sudo()
            .browse(document_ids)
            .exists()
            .filtered(lambda d: d.state != "draft")
        )
        return attachments.filtered(
            lambda a: a.res_model == DOCUMENT and a.res_id in registered.ids
        )

    def _idesk_original_kept_message(self):
        return self.env._(
            "The files of a registered document are kept as they were registered: "
            "nobody can change or delete them. Attach a corrected scan as a new "
            "version instead."
        )

    def _idesk_check_original_kept(self, vals):
        for attachment in self._idesk_registered_originals():
            if attachment._idesk_changed_by(vals):
                raise UserError(self._idesk_original_kept_message())

    def _idesk_changed_by(self, vals):
        """Whether ``vals`` would change this file. Writing back the same
        values is no change: Odoo's storage migration (``force_storage``)
        rewrites every file with its own bytes."""
        self.ensure_one()
        for name in ORIGINAL_FIELDS & set(vals):
            if name in CONTENT_FIELDS:
                if _content(vals) != self.raw:
                    return True
            elif (vals[name] or False) != (self[name] or False):
                return True
        return False

    def _idesk_check_arriving_by_write(self, vals):
        """A write brings a file to a document when it gives one of its files
        other bytes, or moves a file onto it."""
        self.ensure_one()
        if vals.get("res_model", self.res_model) != DOCUMENT:
            return
        if vals.get("type", self.type) == "url":
            data = b""
        elif set(CONTENT_FIELDS) & set(vals) and _content(vals) != self.raw:
            data = _content(vals)
        elif any(
            name in vals and (vals[name] or False) != (self[name] or False)
            for name in ("res_model", "res_id")
        ):
            data = self.raw
        else:
            return
        self._idesk_check_arriving(data, vals.get("name", self.name), vals)

    @api.model
    def _idesk_check_arriving(self, data, filename, vals):
        """Refuse a file that would not pass as a scan; store the type read
        from its bytes, not from its name."""
        self.env[DOCUMENT]._check_scan_file(filename or "", data)
        vals["mimetype"] = scan.mimetype(data)


def _content(vals):
    """The bytes a create or write would store (b'' for a link or a value that
    is no file)."""
    if vals.get("type") == "url":
        return b""
    for name in CONTENT_FIELDS:
        value = vals.get(name)
        if not value:
            continue
        if name == "datas":
            try:
                return base64.b64decode(value)
            except (binascii.Error, TypeError, ValueError):
                return b""
        return value.encode() if isinstance(value, str) else bytes(value)
    return b""
