import base64
import os
import subprocess
import tempfile

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf
from odoo.addons.idesk_security.tests.common import IdeskSecurityCommon


class DraftingCommon(IdeskSecurityCommon):
    """A committee with its Office, a finance office that drafts, a commune that
    receives, another office that sees nothing, and an outside body."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_english()
        cls.committee = cls._create_agency(
            "UBND thị xã Dự Thảo", "UBND", "committee", organ_code="000.00.97.H08"
        )
        cls.office = cls._create_agency(
            "Văn phòng Dự Thảo", "VP", "office", cls.committee
        )
        cls.finance = cls._create_agency(
            "Phòng Tài chính Dự Thảo", "TCKH", "department", cls.committee
        )
        cls.other_unit = cls._create_agency(
            "Phòng Nội vụ Dự Thảo", "NV", "department", cls.committee
        )
        cls.commune = cls._create_agency(
            "UBND xã Dự Thảo", "UBND", "commune", cls.committee
        )

        def person(login, role, agency):
            return cls._create_user(
                login,
                role,
                agency,
                lang="en_US",
                name=login.replace(".", " ").title(),
                email=f"{login}@annhon.example.gov.vn",
            )

        cls.drafter = person("drafting.drafter", "officer", cls.finance)
        cls.colleague = person("drafting.colleague", "officer", cls.finance)
        cls.unit_head = person("drafting.unit.head", "leader", cls.finance)
        cls.office_head = person("drafting.office.head", "leader", cls.office)
        cls.office_deputy = person("drafting.office.deputy", "leader", cls.office)
        cls.chairman = person("drafting.chairman", "leader", cls.committee)
        cls.clerk = person("drafting.clerk", "clerk", cls.office)
        cls.commune_clerk = person("drafting.commune.clerk", "clerk", cls.commune)
        cls.stranger = person("drafting.stranger", "officer", cls.other_unit)
        cls.finance.leader_ids = cls.unit_head
        cls.office.leader_ids = cls.office_head
        cls.office.clerk_ids = cls.clerk
        cls.committee.leader_ids = cls.chairman
        cls.commune.clerk_ids = cls.commune_clerk
        cls.province = cls.env["res.partner"].create(
            {
                "name": "Sở Tài chính tỉnh Dự Thảo",
                "email": "stc@province.example.gov.vn",
            }
        )
        cls.doc_type = cls.env.ref("idesk_registry.type_cv")
        cls.Draft = cls.env["idesk.draft"]

    def _new_draft(self, summary="Báo cáo dự toán ngân sách", user=None, **values):
        draft = self.Draft.with_user(user or self.drafter).create(
            {
                "type_id": self.doc_type.id,
                "summary": summary,
                "recipient_agency_ids": [(6, 0, self.commune.ids)],
                "recipient_partner_ids": [(6, 0, self.province.ids)],
                "signer_id": self.chairman.id,
                "signer_authority": "TM.",
                "signer_position": "Chủ tịch",
                **values,
            }
        )
        draft._add_version("du-thao.pdf", sample_draft_pdf(summary, "Nội dung."))
        return draft

    def _upload(self, draft, filename, data, kind="main", user=None):
        wizard = (
            self.env["idesk.draft.upload.wizard"]
            .with_user(user or self.drafter)
            .create(
                {
                    "draft_id": draft.id,
                    "kind": kind,
                    "file": base64.b64encode(data),
                    "filename": filename,
                }
            )
        )
        return wizard.action_upload()

    def _decide(self, draft, user, decision, **values):
        action = getattr(
            draft.with_user(user),
            {
                "approve": "action_approve",
                "sign": "action_sign",
                "return": "action_return",
                "forward": "action_forward",
            }[decision],
        )()
        if action is True:
            return True
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create(values)
        )
        return wizard.action_confirm()

    def _sign_through(self, draft):
        """Submit and pass the standard chain: unit head, Office, chairman."""
        draft.with_user(self.drafter).action_submit()
        self._decide(draft, self.unit_head, "approve")
        self._decide(draft, self.office_head, "approve")
        self._decide(draft, self.chairman, "sign", consent=True)
        self.assertEqual(draft.state, "signed")
        return draft


def libreoffice_file(text, target_format):
    """A text document written by LibreOffice itself (``odt`` or ``docx``)."""
    with tempfile.TemporaryDirectory(prefix="idesk_test_lo_") as folder:
        source = os.path.join(folder, "draft.txt")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(text)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                folder,
                source,
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        with open(os.path.join(folder, f"draft.{target_format}"), "rb") as handle:
            return handle.read()
