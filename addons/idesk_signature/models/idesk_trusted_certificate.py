import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import verify


class IdeskTrustedCertificate(models.Model):
    """A root or intermediate certificate whose signatures iDESK trusts (the national root
    CAs, the government's special-purpose CA...).

    ======================  ===============================================================
    Who                     May
    ======================  ===============================================================
    network administrator   add one (upload a PEM or DER file), archive or remove it
    everyone                read the trust store (what a verdict relied on)
    ======================  ===============================================================

    What is shown (subject, issuer, serial, validity, fingerprint) is read from the file, never
    typed: a certificate is not edited, it is replaced. Every addition and removal is written
    to the security log and to the certificate's chatter.
    """

    _name = "idesk.trusted.certificate"
    _description = "Trusted certificate"
    _inherit = ["mail.thread", "idesk.input.mixin"]
    _order = "kind desc, name, id"

    name = fields.Char(compute="_compute_from_file", store=True, readonly=True)
    certificate_file = fields.Binary(
        string="Certificate file", attachment=True, required=True, copy=False
    )
    certificate_filename = fields.Char(string="File name", size=255)
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(size=2_000, tracking=True)
    subject = fields.Char(compute="_compute_from_file", store=True, readonly=True)
    issuer = fields.Char(compute="_compute_from_file", store=True, readonly=True)
    serial_number = fields.Char(compute="_compute_from_file", store=True, readonly=True)
    valid_from = fields.Datetime(
        compute="_compute_from_file", store=True, readonly=True
    )
    valid_until = fields.Datetime(
        compute="_compute_from_file", store=True, readonly=True
    )
    fingerprint_sha256 = fields.Char(
        string="SHA-256 fingerprint",
        compute="_compute_from_file",
        store=True,
        readonly=True,
        index=True,
    )
    kind = fields.Selection(
        [("root", "Root"), ("intermediate", "Intermediate")],
        compute="_compute_from_file",
        store=True,
        readonly=True,
    )
    validity_state = fields.Selection(
        [("valid", "Valid"), ("expired", "Expired"), ("not_yet", "Not yet valid")],
        string="Validity",
        compute="_compute_validity_state",
    )

    _sql_constraints = [
        (
            "fingerprint_unique",
            "unique(fingerprint_sha256)",
            "This certificate is already in the trust store.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("certificate_file")
    def _compute_from_file(self):
        for record in self:
            cert = (
                record._load_certificate(record.certificate_file)
                if record.certificate_file
                else None
            )
            if not cert:
                record.update(
                    {
                        "name": False,
                        "subject": False,
                        "issuer": False,
                        "serial_number": False,
                        "valid_from": False,
                        "valid_until": False,
                        "fingerprint_sha256": False,
                        "kind": False,
                    }
                )
                continue
            common_name = cert.subject.native.get("common_name")
            record.update(
                {
                    "name": (
                        common_name[0] if isinstance(common_name, list) else common_name
                    )
                    or verify.name_text(cert.subject),
                    "subject": verify.name_text(cert.subject),
                    "issuer": verify.name_text(cert.issuer),
                    "serial_number": format(cert.serial_number, "X"),
                    "valid_from": cert.not_valid_before.replace(tzinfo=None),
                    "valid_until": cert.not_valid_after.replace(tzinfo=None),
                    "fingerprint_sha256": cert.sha256.hex().upper(),
                    "kind": "root"
                    if cert.self_signed in ("maybe", "yes")
                    else "intermediate",
                }
            )

    @api.depends("valid_from", "valid_until")
    def _compute_validity_state(self):
        now = fields.Datetime.now()
        for record in self:
            if record.valid_until and record.valid_until < now:
                record.validity_state = "expired"
            elif record.valid_from and record.valid_from > now:
                record.validity_state = "not_yet"
            else:
                record.validity_state = "valid"

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "certificate_file" in vals:
                cert = self._load_certificate(vals["certificate_file"], strict=True)
                # Stored as DER whatever was uploaded: one form, one fingerprint.
                vals["certificate_file"] = base64.b64encode(cert.dump())
                if self.with_context(active_test=False).search_count(
                    [("fingerprint_sha256", "=", cert.sha256.hex().upper())], limit=1
                ):
                    raise UserError(
                        self.env._("This certificate is already in the trust store.")
                    )
        records = super().create(vals_list)
        for record in records:
            record._log_trust_change("trust_add")
        return records

    def write(self, vals):
        if "certificate_file" in vals:
            raise UserError(
                self.env._(
                    "A trusted certificate is not edited: add the new file and remove the old one."
                )
            )
        result = super().write(vals)
        if "active" in vals:
            for record in self:
                record._log_trust_change(
                    "trust_add" if record.active else "trust_remove"
                )
        return result

    @api.ondelete(at_uninstall=False)
    def _log_removal(self):
        for record in self:
            record._log_trust_change("trust_remove")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _load_certificate(self, value, strict=False):
        """The asn1crypto certificate in a base64 field value; None (or a UserError when
        strict) for anything else."""
        try:
            raw = base64.b64decode(value or b"", validate=True)
            return verify.load_certificate(raw)
        except (ValueError, TypeError, binascii.Error):
            if strict:
                raise UserError(
                    self.env._(
                        "This file is not a certificate. Upload the certificate of the "
                        "certification authority as a .pem, .crt or .cer file (PEM or DER)."
                    )
                ) from None
            return None

    def _log_trust_change(self, event):
        self.ensure_one()
        description = self.env._(
            "%(name)s (serial %(serial)s, SHA-256 %(fingerprint)s, valid until %(until)s)",
            name=self.subject,
            serial=self.serial_number,
            fingerprint=self.fingerprint_sha256,
            until=self.valid_until,
        )
        self.env["idesk.security.log"]._log_event(
            event, description=description, record=self
        )
        if event == "trust_add":
            self.message_post(
                body=self.env._("Added to the trust store."),
                subtype_xmlid="mail.mt_note",
            )
        else:
            self.message_post(
                body=self.env._("Removed from the trust store."),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _trusted_der_list(self):
        """The DER bytes of the active trusted certificates (for the verification)."""
        # sudo: the trust store is public to every user; the verification also runs for
        # e-mailed files received by the mail gateway's account.
        records = self.sudo().search([("active", "=", True)])
        return [
            base64.b64decode(record.certificate_file)
            for record in records
            if record.certificate_file
        ]

    @api.model
    def _demo_trust_pki_root(self):
        """Demo data: trust the root of the demo PKI (tools/pki.py)."""
        from ..tools import pki

        lang = self.env["idesk.document"]._idesk_load_vietnamese("idesk_signature")
        if lang and self.env.lang != lang:
            return self.with_context(lang=lang)._demo_trust_pki_root()

        root = pki.make_pki().root
        # The demo root's key and name are fixed, its signature bytes are not: match by subject.
        subject = verify.name_text(verify.load_certificate(root.cert_der).subject)
        if not self.with_context(active_test=False).search_count(
            [("subject", "=", subject)]
        ):
            self.create(
                {
                    "certificate_file": base64.b64encode(root.cert_pem),
                    "certificate_filename": "ca-goc-thu-nghiem-idesk.pem",
                    "note": self.env._(
                        "Root of the demo certificates (tests and demonstration only)."
                    ),
                }
            )
