"""Demo keys: SoftHSM2 tokens with the chairman's key and the committee's
seal key (the demo PKI, tools/pki.py), registered for the chairman and for the
Office, which issues the committee's documents. Made by scripts/run.sh after
the demo database is built (the tokens live in files, outside the database,
as real keys do); idempotent."""

import base64
import io
import logging

from PIL import Image, ImageDraw

from odoo import api, models

from ..tools import pki, softhsm

_logger = logging.getLogger(__name__)

DEMO_PIN = "123456"
DEMO_SO_PIN = "12345678"
CHAIRMAN_TOKEN = "idesk-demo-chutich"
OFFICE_TOKEN = "idesk-demo-vanphong"


def _signature_png():
    """A hand-drawn-looking stroke on a transparent background."""
    image = Image.new("RGBA", (360, 140), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [
        (20 + x * 4, 80 - int(30 * ((x % 17) / 17 - 0.5) * (1 if x % 34 < 17 else -1)))
        for x in range(80)
    ]
    draw.line(points, fill=(20, 40, 160, 255), width=5, joint="curve")
    draw.line([(40, 110), (320, 95)], fill=(20, 40, 160, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


class IdeskSigningKey(models.Model):
    _inherit = "idesk.signing.key"

    @api.model
    def _setup_demo_keys(self, folder):
        chairman = self.env.ref("idesk_security.user_chutich", raise_if_not_found=False)
        office = self.env.ref("idesk_security.agency_vp", raise_if_not_found=False)
        if not chairman or not office:
            return False
        softhsm.ensure_conf(folder)
        import pkcs11  # noqa: PLC0415

        labels = {token.label for token in pkcs11.lib(softhsm.MODULE).get_tokens()}
        demo = pki.make_pki()
        for label, identity in (
            (CHAIRMAN_TOKEN, demo.leader),
            (OFFICE_TOKEN, demo.agency),
        ):
            if label not in labels:
                softhsm.create_token(label, DEMO_PIN, DEMO_SO_PIN)
                softhsm.import_key(
                    label,
                    DEMO_PIN,
                    identity.key,
                    identity.cert,
                    "signing",
                    chain=tuple(identity.chain),
                )
        Key = self.sudo()
        for owner, token, identity in (
            (
                {"owner_type": "user", "user_id": chairman.id},
                CHAIRMAN_TOKEN,
                demo.leader,
            ),
            (
                {"owner_type": "agency", "agency_id": office.id},
                OFFICE_TOKEN,
                demo.agency,
            ),
        ):
            domain = [(name, "=", value) for name, value in owner.items()]
            if Key.search(domain, limit=1):
                continue
            key = Key.create(
                {
                    **owner,
                    "backend": "pkcs11",
                    "module_path": softhsm.MODULE,
                    "token_label": token,
                    "key_label": "signing",
                }
            )
            key._idesk_system().write(key._certificate_vals(identity.cert_der))
        if not chairman.idesk_signature_image:
            chairman.sudo().idesk_signature_image = base64.b64encode(_signature_png())
        _logger.info("demo signing keys ready in %s (PIN %s)", folder, DEMO_PIN)
        return True
