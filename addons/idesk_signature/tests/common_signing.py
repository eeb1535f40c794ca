"""Real SoftHSM2 tokens for the signing tests, made once per process.

PKCS#11 libraries read their token list when they start: every token of the
tests is made before the first test signs (and the library started again).
The keys and certificates are those of the demo PKI (tools/pki.py).
"""

import base64
import io

from reportlab.pdfgen import canvas

from odoo.tools import config

from odoo.addons.idesk_security.tests.common import IdeskSecurityCommon

from ..tools import pki, softhsm

PIN = "246810"
SO_PIN = "13579111"
LEADER_TOKEN = "idesk-test-leader"
OTHER_TOKEN = "idesk-test-other"
AGENCY_TOKEN = "idesk-test-agency"
P12_PASSWORD = "mật-khẩu-p12"
P12_CODE = "idesk_test_agency"

_STATE = {}


def sample_pdf(pages=2):
    """A small PDF of ``pages`` pages to sign."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for page in range(pages):
        sheet.drawString(72, 760, f"QUYET DINH - trang {page + 1}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def test_tokens():
    """The demo PKI and three tokens: the leader's, another leader's (a key of
    another PKI), the agency's. Made once per process."""
    if "pki" not in _STATE:
        softhsm.ensure_conf()
        demo = pki.make_pki()
        other = pki.make_pki(seed="idesk-other-pki")
        for label, identity in (
            (LEADER_TOKEN, demo.leader),
            (OTHER_TOKEN, other.leader),
            (AGENCY_TOKEN, demo.agency),
        ):
            softhsm.create_token(label, PIN, SO_PIN)
            softhsm.import_key(
                label,
                PIN,
                identity.key,
                identity.cert,
                "signing",
                chain=tuple(identity.chain),
            )
        _STATE.update(pki=demo, other=other)
    return _STATE["pki"], _STATE["other"]


class SigningCommon(IdeskSecurityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_english()
        cls.pki, cls.other_pki = test_tokens()
        cls.Key = cls.env["idesk.signing.key"]
        cls.sign_agency = cls._create_agency(
            "UBND thị xã Ký Số", "UBND", "committee", organ_code="000.00.96.H08"
        )
        cls.admin_user = cls._create_user("sign.admin", "admin", cls.sign_agency)
        config[f"idesk_pkcs12_password_{P12_CODE}"] = P12_PASSWORD
        cls.addClassCleanup(
            config.options.pop, f"idesk_pkcs12_password_{P12_CODE}", None
        )

    @classmethod
    def _pkcs11_key(cls, token=LEADER_TOKEN, **values):
        return cls.Key.create(
            {
                "backend": "pkcs11",
                "module_path": softhsm.MODULE,
                "token_label": token,
                "key_label": "signing",
                **values,
            }
        )

    @classmethod
    def _pkcs12_key(cls, agency, password=P12_PASSWORD):
        return cls.Key.create(
            {
                "owner_type": "agency",
                "agency_id": agency.id,
                "backend": "pkcs12",
                "pkcs12_file": base64.b64encode(cls.pki.agency.pkcs12(password)),
                "pkcs12_filename": "agency.p12",
                "password_code": P12_CODE,
            }
        )
