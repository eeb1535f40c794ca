"""Issue 16's "done when", in the demo database with the demo accounts: a
decision of the province is proposed by the head of the Office, directed by
the chairman, delegated by the finance office's head to an officer, answered
by a reply drafted and issued in iDESK that the head accepts; the printed
incoming and tracking books show who received it, when, and the reply's number.
It runs over every addon (drafting for the reply, reports for the books), on the
test database, as each person, and is rolled back."""

import base64
import io
import subprocess
import tempfile
from datetime import timedelta

from openpyxl import load_workbook

from odoo import fields

from odoo.addons.idesk_drafting.models.idesk_draft_demo import sample_draft_pdf


def pdf_text(content):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        out = subprocess.run(
            ["pdftotext", "-layout", pdf.name, "-"],
            capture_output=True,
            check=True,
        ).stdout.decode()
    return " ".join(out.split())


def xlsx_row(content, key):
    """The cells of the spreadsheet's row that holds ``key``, as one text."""
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    for row in sheet.iter_rows(values_only=True):
        cells = [str(cell) for cell in row if cell is not None]
        if any(key in cell for cell in cells):
            return " | ".join(cells)
    raise AssertionError(f"{key} is not in the spreadsheet")


def test_demo_proposal_direction_delegation_reply_and_books(odoo_env):
    env = odoo_env
    ref = env.ref
    clerk = ref("idesk_security.user_vanthu_vp")
    office_head = ref("idesk_security.user_chanhvp")
    chairman = ref("idesk_security.user_chutich")
    finance_head = ref("idesk_security.user_lanhdao_tckh")
    officer = ref("idesk_security.user_cv_tckh")
    office = ref("idesk_security.agency_vp")
    finance = ref("idesk_security.agency_tckh")
    today = fields.Date.context_today(env["res.users"].with_user(clerk))
    # The Office's clerk registers the province's decision.
    decision = (
        env["idesk.document"]
        .with_user(clerk)
        ._register_new(
            [
                {
                    "direction": "incoming",
                    "agency_id": office.id,
                    "issuing_body_name": "UBND tỉnh Bình Định",
                    "origin_number_symbol": "1789/QĐ-UBND",
                    "document_date": today - timedelta(days=1),
                    "type_id": ref("idesk_registry.type_qd").id,
                    "summary": "Quyết định giao dự toán bổ sung có mục tiêu năm 2026 "
                    "cho thị xã An Nhơn",
                    "signer_name": "Nguyễn Tự Công Hoàng",
                }
            ],
            confirm_duplicate=True,
        )
    )
    deadline = office._add_working_days(today, 7)
    # 1. The head of the Office proposes: finance leads, to the chairman.
    assert office_head in office.direction_proposer_ids
    action = decision.with_user(office_head).action_propose()
    env["idesk.direction.wizard"].with_user(office_head).with_context(
        action["context"]
    ).create(
        {
            "directed_by_id": chairman.id,
            "direction_note": "Đề xuất giao Phòng Tài chính - Kế hoạch chủ trì "
            "tham mưu phân bổ, báo cáo Chủ tịch.",
            "lead_agency_id": finance.id,
            "lead_deadline": deadline,
        }
    ).action_confirm()
    assert decision.process_state == "to_direct"
    # 2. The chairman confirms it in one tap.
    decision.with_user(chairman).action_confirm_proposal()
    unit_work = decision.assignment_ids.filtered(
        lambda a: a.agency_id == finance and a.role == "lead"
    )
    assert len(unit_work) == 1 and unit_work.deadline == deadline
    # 3. The finance office's head hands it to his officer.
    officer_work = unit_work.with_user(finance_head)._do_delegate(
        [{"user_id": officer.id, "role": "lead", "deadline": deadline}]
    )
    assert officer_work.parent_id == unit_work
    # 4. The officer drafts the reply; head, Office, chairman; the clerk issues.
    summary = "Báo cáo phương án phân bổ dự toán bổ sung năm 2026"
    draft = (
        env["idesk.draft"]
        .with_user(officer)
        .create(
            {
                "type_id": ref("idesk_registry.type_cv").id,
                "summary": summary,
                "reply_to_document_id": decision.id,
                "recipient_partner_ids": [
                    (6, 0, ref("idesk_registry.partner_so_tai_chinh").ids)
                ],
                "signer_id": chairman.id,
                "signer_authority": "TM.",
                "signer_position": "Chủ tịch",
            }
        )
    )
    upload = draft.with_user(officer).action_upload_version()
    env["idesk.draft.upload.wizard"].with_user(officer).with_context(
        upload["context"]
    ).create(
        {
            "file": base64.b64encode(sample_draft_pdf(summary, "Kính gửi.")),
            "filename": "bao-cao-phan-bo.pdf",
        }
    ).action_upload()
    draft.with_user(officer).action_submit()
    draft.with_user(finance_head).action_approve()
    draft.with_user(office_head).action_approve()
    draft.with_user(chairman).action_sign_with_consent()
    reply = env["idesk.document"].browse(
        draft.with_user(clerk).action_issue()["res_id"]
    )
    assert reply.state == "registered" and reply.symbol
    # 5. The officer reports the reply as his result; the head accepts it.
    officer_work = officer_work.with_user(officer)
    officer_work.write(
        {
            "result_note": "Đã tham mưu văn bản báo cáo phương án phân bổ.",
            "reply_document_id": reply.id,
        }
    )
    officer_work.action_report_result()
    officer_work.with_user(finance_head).action_accept_result()
    assert unit_work.state == "done"
    assert unit_work.reply_document_id == reply
    assert unit_work.completion_status == "on_time"
    # 6. The books printed by the clerk: who received it, when, the reply's number
    # (the PDF wraps long names in their column: its words; the XLSX: the cells).
    book = decision.book_id.with_user(clerk)
    day = today.strftime("%d/%m/%Y")
    for tracking, expected in ((False, [finance.name, day]), (True, [reply.symbol])):
        text = pdf_text(book._render_pdf_bytes(today, today, tracking=tracking)[0])
        row = xlsx_row(
            book._render_xlsx_bytes(today, today, tracking=tracking), "1789/QĐ-UBND"
        )
        for value in expected:
            assert value in row, (tracking, value, row)
            assert all(word in text for word in value.split()), (tracking, value)
        assert officer.name not in row
