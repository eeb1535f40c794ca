import json
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import verify

_logger = logging.getLogger(__name__)

VERDICTS = [
    ("valid", "Valid signature"),
    ("valid_changed", "Valid, changed after signing in allowed ways"),
    ("invalid", "Invalid signature"),
    ("unknown_signer", "Unknown signer"),
    ("unsigned", "Not signed"),
]


class IdeskDocument(models.Model):
    """Every PDF that reaches a document is checked for digital signatures when it arrives
    (Decree 30/2020, art. 21.2): the scan, an e-mailed file, a file of the intake API, the
    copy a distribution brings all go through ``_attach_scan``.

    ====================  ==================================================================
    Who                   May
    ====================  ==================================================================
    everyone who reads    see the verdict, the signers and the full report
    the document
    clerk of the agency   check again (after the trust store changed); register a document
                          whose signature is invalid only with a reason, which is logged
    iDESK itself          write the verdict, the report and the reason (protected fields)
    ====================  ==================================================================
    """

    _inherit = "idesk.document"

    signature_verdict = fields.Selection(
        VERDICTS,
        string="Digital signature",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Result of the check of the digital signatures of the file when it arrived.",
    )
    signature_report = fields.Text(
        string="Signature report (data)",
        readonly=True,
        copy=False,
        size=200_000,
        help="The full result of the check, as stored (JSON).",
    )
    signature_checked_date = fields.Datetime(
        string="Signatures checked on", readonly=True, copy=False
    )
    signature_signers = fields.Char(
        string="Signed by", readonly=True, copy=False, size=1_000
    )
    signature_explanation = fields.Text(
        string="What the check found", compute="_compute_signature_explanation"
    )
    signature_report_html = fields.Html(
        string="Signature report",
        compute="_compute_signature_explanation",
        sanitize=True,
    )
    signature_override_reason = fields.Text(
        string="Reason for registering despite the signature",
        readonly=True,
        copy=False,
        size=2_000,
    )
    signature_override_by_id = fields.Many2one(
        "res.users", string="Decided by", readonly=True, copy=False, ondelete="restrict"
    )
    signature_override_date = fields.Datetime(
        string="Decided on", readonly=True, copy=False
    )

    @api.depends("signature_report", "signature_verdict")
    @api.depends_context("lang")
    def _compute_signature_explanation(self):
        for document in self:
            report = document._signature_report_data()
            document.signature_explanation = (
                document._signature_explain(report) if report else False
            )
            document.signature_report_html = (
                document._signature_report_as_html(report) if report else False
            )

    def _signature_report_data(self):
        self.ensure_one()
        try:
            return json.loads(self.signature_report) if self.signature_report else {}
        except ValueError:
            return {}

    # ------------------------------------------------------------------
    # Verification on arrival
    # ------------------------------------------------------------------
    def _attach_scan(self, files):
        result = super()._attach_scan(files)
        self._verify_signatures()
        return result

    def _verify_signatures(self):
        """Check the signatures of the documents' PDFs and store the verdict and report;
        a new file needs a new decision, so an earlier override is cleared."""
        trusted = self.env["idesk.trusted.certificate"]._trusted_der_list()
        for document in self:
            attachment = document.scan_attachment_id
            if not attachment:
                continue
            # sudo: the registry's own file of the document, read to check it (the caller
            # has just attached it or is a clerk of the document's agency).
            data = attachment.sudo().raw or b""
            report = (
                verify.verify_pdf(data, trusted)
                if data[:5] == b"%PDF-"
                else verify.unsigned_report()
            )
            signers = "; ".join(
                entry["signer_name"]
                for entry in report["signatures"]
                if entry.get("signer_name")
            )
            document._registry_sudo().write(
                {
                    "signature_verdict": report["verdict"],
                    "signature_report": json.dumps(
                        report, ensure_ascii=False, indent=1
                    ),
                    "signature_checked_date": fields.Datetime.now(),
                    "signature_signers": signers[:1_000] or False,
                    "signature_override_reason": False,
                    "signature_override_by_id": False,
                    "signature_override_date": False,
                }
            )
            document._post_registry_note(body=document._signature_explain(report))
        return True

    def action_check_signature(self):
        """Check the signatures again, e.g. after the trust store changed."""
        self._check_can_register()
        if self.filtered(lambda d: not d.scan_attachment_id):
            raise UserError(self.env._("This document has no file to check."))
        self._verify_signatures()
        return True

    # ------------------------------------------------------------------
    # Registration of a document whose signature is invalid
    # ------------------------------------------------------------------
    def _signature_blocks_registration(self):
        return self.filtered(
            lambda d: (
                d.state == "draft"
                and d.signature_verdict == "invalid"
                and not d.signature_override_reason
            )
        )

    def action_register(self):
        blocked = self._signature_blocks_registration()
        if blocked and self.env.context.get("idesk_signature_ask"):
            # The form's button: ask for the reason. Other callers (the API, the one-step
            # registration of a distributed copy) get the refusal of _do_register.
            self._check_can_register()
            return blocked[0]._action_signature_override()
        return super().action_register()

    def _do_register(self):
        # The safety net of every path to the book (action, API, distribution).
        blocked = self._signature_blocks_registration()
        if blocked:
            raise UserError(
                self.env._(
                    "%(doc)s: the digital signature of the file is invalid. Register it only "
                    "after recording a reason, or return it to its sender (Decree 30/2020, art. 21.2).",
                    doc=blocked[0].display_name,
                )
            )
        return super()._do_register()

    def _action_signature_override(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invalid digital signature"),
            "res_model": "idesk.signature.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def _record_signature_override(self, reason):
        """The clerk registers despite the invalid signature: who, when and why are kept."""
        self.ensure_one()
        self._check_can_register()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._(
                    "Please write why the document is registered despite its signature."
                )
            )
        if self.state != "draft" or self.signature_verdict != "invalid":
            raise UserError(
                self.env._(
                    "Only a draft whose signature is invalid needs this decision."
                )
            )
        self._registry_sudo().write(
            {
                "signature_override_reason": reason,
                "signature_override_by_id": self.env.user.id,
                "signature_override_date": fields.Datetime.now(),
            }
        )
        self._post_registry_note(
            body=self.env._(
                "Registered despite an invalid digital signature. Reason: %(reason)s",
                reason=reason,
            )
        )
        return True
