"""Signing keys: where the private key of a leader or of an agency lives.

Never in the database in clear. A PKCS#11 key stays on its token (a USB
token, an HSM, SoftHSM2): the record names the module, the token and the key;
the PIN is typed at each signature and kept in no field and no log. A PKCS#12
file (the agency's signature on a small installation) is kept in the key's
row, encrypted by its own password; that password is in the server's
configuration file (``idesk_pkcs12_password_<code>``), which no user of the
database can read: a stolen database or backup holds no usable key.
"""

import base64
import hashlib
import logging
import re

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import config

from ..tools import sign

_logger = logging.getLogger(__name__)

CODE = re.compile(r"^[a-z0-9_]{1,40}$")


def signing_error_message(env, code):
    """The translated message of a :class:`sign.SigningError` code."""
    messages = {
        "wrong_pin": env._(
            "The PIN is wrong; nothing has been signed. After several wrong PINs "
            "the token locks itself."
        ),
        "pin_locked": env._(
            "The token is locked after too many wrong PINs; nothing has been signed. "
            "Ask the network administrator to unlock it."
        ),
        "no_module": env._(
            "The PKCS#11 module of this key cannot be loaded on the server; nothing "
            "has been signed. Ask the network administrator."
        ),
        "no_token": env._(
            "The token of this key is not connected to the server; nothing has been "
            "signed."
        ),
        "no_key": env._(
            "The token does not hold the private key of this signing key; nothing "
            "has been signed."
        ),
        "no_certificate": env._(
            "The token does not hold the certificate of this signing key; nothing "
            "has been signed."
        ),
        "bad_pkcs12": env._(
            "The PKCS#12 file cannot be opened with the password of the server's "
            "configuration; nothing has been signed."
        ),
        "bad_pdf": env._("This PDF cannot be signed (damaged or encrypted)."),
        "already_signed": env._("This PDF already carries this signature."),
        "timestamp": env._(
            "The timestamp server did not answer; nothing has been signed. Try again "
            "later or ask the network administrator."
        ),
        "wrong_certificate": env._(
            "The certificate on the token is not the one registered for this key; "
            "nothing has been signed."
        ),
    }
    return messages.get(code) or env._("The signature failed; nothing has been signed.")


class IdeskSigningKey(models.Model):
    _name = "idesk.signing.key"
    _description = "Signing key"
    _inherit = ["mail.thread", "idesk.input.mixin"]
    _order = "owner_type, id"

    name = fields.Char(compute="_compute_name", store=True)
    active = fields.Boolean(default=True, tracking=True)
    owner_type = fields.Selection(
        [("user", "A leader (personal signature)"), ("agency", "An agency (seal)")],
        string="Signature of",
        required=True,
        default="user",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Leader", index=True, ondelete="cascade", tracking=True
    )
    agency_id = fields.Many2one(
        "idesk.agency", string="Agency", index=True, ondelete="cascade", tracking=True
    )
    backend = fields.Selection(
        [
            ("pkcs11", "PKCS#11 token (USB token, HSM, SoftHSM2)"),
            ("pkcs12", "PKCS#12 file (agency signature, small installations)"),
        ],
        required=True,
        default="pkcs11",
        tracking=True,
    )
    module_path = fields.Char(
        string="PKCS#11 module",
        default=sign.DEFAULT_MODULES[0],
        tracking=True,
        help="The token's library on the server. Only modules listed by the server "
        "(SoftHSM2, OpenSC, or idesk_pkcs11_modules in its configuration file) may be "
        "named: loading a library runs its code.",
    )
    token_label = fields.Char(tracking=True)
    key_label = fields.Char(tracking=True)
    key_id_hex = fields.Char(string="Key ID (hex)", tracking=True)
    # In the key's row, not an ir.attachment: Odoo 18 serves a field's
    # attachment by its id whatever the field's groups. The file is encrypted by
    # its own password, which is not in the database.
    pkcs12_file = fields.Binary(
        string="PKCS#12 file",
        attachment=False,
        groups="idesk_security.group_idesk_admin",
    )
    pkcs12_filename = fields.Char()
    password_code = fields.Char(
        string="Password entry",
        help="The file's password is read from the server's configuration file, "
        "option idesk_pkcs12_password_<this code>; it is never stored in the database.",
    )
    certificate_pem = fields.Text(
        string="Certificate (PEM)", readonly=True, allow_markup=True
    )
    cert_subject = fields.Char(string="Subject", readonly=True, allow_markup=True)
    cert_issuer = fields.Char(string="Issuer", readonly=True, allow_markup=True)
    cert_serial = fields.Char(string="Serial number", readonly=True)
    cert_not_before = fields.Datetime(string="Valid from", readonly=True)
    cert_not_after = fields.Datetime(string="Valid until", readonly=True)
    cert_sha256 = fields.Char(string="Certificate SHA-256", readonly=True, index=True)

    _sql_constraints = [
        (
            "owner_set",
            "CHECK((owner_type = 'user' AND user_id IS NOT NULL AND agency_id IS NULL) "
            "OR (owner_type = 'agency' AND agency_id IS NOT NULL AND user_id IS NULL))",
            "A signing key belongs either to a leader or to an agency.",
        ),
    ]

    @api.model
    def _input_date_range(self):
        # Certificates are read from tokens, not typed: a root CA's or a long
        # signing certificate's end lies decades ahead.
        earliest, _latest = super()._input_date_range()
        return earliest, fields.Date.today() + relativedelta(years=50)

    @api.depends("owner_type", "user_id.name", "agency_id.name", "cert_serial")
    def _compute_name(self):
        for key in self:
            owner = key.user_id.name if key.owner_type == "user" else key.agency_id.name
            key.name = f"{owner or '?'} ({key.cert_serial or key.backend or ''})"

    @api.onchange("owner_type")
    def _onchange_owner_type(self):
        if self.owner_type == "user":
            self.agency_id = False
        else:
            self.user_id = False

    @api.constrains("module_path", "backend")
    def _check_module_path(self):
        allowed = self._allowed_modules()
        for key in self:
            if key.backend == "pkcs11" and key.module_path not in allowed:
                raise ValidationError(
                    _(
                        "The PKCS#11 module %(path)s is not one the server allows: %(allowed)s.",
                        path=key.module_path,
                        allowed=", ".join(allowed),
                    )
                )

    @api.constrains("backend", "owner_type", "token_label", "password_code")
    def _check_backend(self):
        for key in self:
            if key.backend == "pkcs11" and not key.token_label:
                raise ValidationError(_("Give the label of the key's token."))
            if key.backend == "pkcs12":
                if key.owner_type != "agency":
                    raise ValidationError(
                        _(
                            "A leader signs with his own token (PKCS#11); a PKCS#12 file "
                            "is only for an agency's signature."
                        )
                    )
                if not CODE.match(key.password_code or ""):
                    raise ValidationError(
                        _(
                            "Give the password entry of the PKCS#12 file: lower-case "
                            "letters, digits or _ (the server's configuration holds "
                            "idesk_pkcs12_password_<entry>)."
                        )
                    )

    @api.constrains("key_id_hex")
    def _check_key_id(self):
        for key in self:
            if key.key_id_hex and not re.fullmatch(
                r"([0-9a-fA-F]{2}){1,64}", key.key_id_hex
            ):
                raise ValidationError(
                    _("The key ID is written in hexadecimal (e.g. 01a2).")
                )

    @api.model
    def _allowed_modules(self):
        extra = (config.get("idesk_pkcs11_modules") or "").split(",")
        return [*sign.DEFAULT_MODULES, *(p.strip() for p in extra if p.strip())]

    # ------------------------------------------------------------------
    # The key's material, for the signing code only
    # ------------------------------------------------------------------
    def _pkcs11_key(self):
        self.ensure_one()
        return sign.Pkcs11Key(
            module=self.module_path,
            token_label=self.token_label,
            key_label=self.key_label or "",
            key_id=bytes.fromhex(self.key_id_hex) if self.key_id_hex else b"",
        )

    def _pkcs12_material(self):
        """The file and its password (from the server's configuration)."""
        self.ensure_one()
        password = config.get(f"idesk_pkcs12_password_{self.password_code}")
        # sudo: the file is readable by the network administrator only; the
        # signing code reads it after the caller's own checks.
        data = self.sudo().pkcs12_file
        if not data or password is None:
            raise UserError(
                _(
                    "The PKCS#12 file of %(key)s or its password in the server's "
                    "configuration is missing; nothing has been signed.",
                    key=self.name,
                )
            )
        return base64.b64decode(data), password

    def _signer(self, pin=None):
        """A context manager giving a pyHanko signer; :class:`UserError` with a
        clear message when the key cannot sign."""
        self.ensure_one()
        if self.backend == "pkcs12":
            data, password = self._pkcs12_material()
            return _Nothing(sign.pkcs12_signer(data, password))
        if not pin:
            raise UserError(_("Type the PIN of the token."))
        return sign.pkcs11_signer(self._pkcs11_key(), pin)

    def _sign_pdf(self, data, pin=None, **kwargs):
        """``data`` signed with this key (see :func:`sign.sign_pdf`); a clear
        :class:`UserError` and nothing changed when it fails."""
        self.ensure_one()
        try:
            with self._signer(pin) as signer:
                if self.cert_sha256 and (
                    hashlib.sha256(signer.signing_cert.dump()).hexdigest()
                    != self.cert_sha256
                ):
                    raise sign.SigningError("wrong_certificate")
                return sign.sign_pdf(
                    data, signer, timestamp_url=self._timestamp_url(), **kwargs
                )
        except sign.SigningError as error:
            raise UserError(signing_error_message(self.env, error.args[0])) from None

    @api.model
    def _timestamp_url(self):
        # sudo: a setting of the network administrator, read by the signing code.
        return (
            self.env["ir.config_parameter"].sudo().get_param("idesk_signature.tsa_url")
            or None
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_read_certificate(self):
        """Read the certificate from the token or the file and show it."""
        if not self.env.user.has_group("idesk_security.group_idesk_admin"):
            raise AccessError(_("Only the network administrator manages signing keys."))
        for key in self:
            try:
                if key.backend == "pkcs12":
                    data, password = key._pkcs12_material()
                    der = sign.pkcs12_certificate(data, password)
                else:
                    der = sign.pkcs11_certificate(key._pkcs11_key())
            except sign.SigningError as error:
                raise UserError(
                    signing_error_message(self.env, error.args[0])
                ) from None
            # The certificate fields are the token's, written by this action only.
            key._idesk_system().write(key._certificate_vals(der))
        return True

    @api.model
    def _certificate_vals(self, der):
        cert = x509.load_der_x509_certificate(der)
        return {
            "certificate_pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
            "cert_subject": cert.subject.rfc4514_string(),
            "cert_issuer": cert.issuer.rfc4514_string(),
            "cert_serial": format(cert.serial_number, "X"),
            "cert_not_before": cert.not_valid_before_utc.replace(tzinfo=None),
            "cert_not_after": cert.not_valid_after_utc.replace(tzinfo=None),
            "cert_sha256": hashlib.sha256(der).hexdigest(),
        }

    @api.model
    def _key_of_user(self, user):
        """The active personal key of ``user``, or an empty recordset."""
        # sudo: keys are managed by the network administrator; the signing code
        # looks up the key of the user who signs (checked by the caller).
        return self.sudo().search(
            [("owner_type", "=", "user"), ("user_id", "=", user.id)], limit=1
        )

    @api.model
    def _key_of_agency(self, agency):
        # sudo: as above, the key of the agency whose clerk issues (checked by
        # the caller).
        return self.sudo().search(
            [("owner_type", "=", "agency"), ("agency_id", "=", agency.id)], limit=1
        )


class _Nothing:
    """A context manager around a signer that needs no closing."""

    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False
