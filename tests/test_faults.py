"""Quick fault tests: something the iDESK addons depend on breaks, and nothing is
lost or half-done. Plain pytest on the test database (pytest-odoo); each test runs
in its own transaction, rolled back at the end (nothing committed):

- Tesseract missing from the PATH, then crashing (SIGSEGV) on a scan: registration
  still works, the OCR is marked failed with its error, and retried later (it
  succeeds once Tesseract is back);
- the mail server unreachable (Odoo's outgoing server pointed at a closed loopback
  port): the reminders stay in mail.mail, none lost; once a real SMTP sink listens (a
  small SMTP server of this file, on loopback), idesk_security's hourly requeue job and
  the mail queue send each exactly once (and the administrator's Retry does too);
- two clerks edit the same document one after the other from the same version:
  the second must get a clear conflict, not a silent overwrite.

The long fault tests (PostgreSQL restarted while clerks register, LDAP server
stopped and restarted) are in bench/faults/.
"""

import io
import os
import shutil
import socket
import socketserver
import threading
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


# ----------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------
@contextmanager
def odoo_transaction(lang="en_US"):
    """A superuser environment in a new transaction, rolled back at the end."""
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    db = odoo.tools.config["db_name"]
    if not db:
        pytest.fail("give the database with --odoo-database=DB")
    with Registry(db).cursor() as cr:
        env = api.Environment(
            cr, SUPERUSER_ID, {"lang": lang, "tz": "Asia/Ho_Chi_Minh"}
        )
        try:
            yield env
        finally:
            cr.rollback()


@contextmanager
def real_mail_delivery():
    """Odoo skips SMTP while an Odoo test case is current: make sure none is. And
    the mail queue commits after each mail unless the thread is marked as testing
    (Odoo's own test runner unmarks it when it ends): keep it marked, so that the
    transaction is rolled back at the end."""
    from odoo.modules import module

    thread = threading.current_thread()
    previous, testing = module.current_test, getattr(thread, "testing", False)
    module.current_test, thread.testing = None, True
    try:
        yield
    finally:
        module.current_test, thread.testing = previous, testing


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scan_png(lines):
    """A small page with Vietnamese text at 300 dpi (quick to read)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1600, 120 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(DEJAVU, 48)
    for index, line in enumerate(lines):
        draw.text((80, 60 + 90 * index), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(300, 300))
    return buffer.getvalue()


class SmtpSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server on loopback that keeps every message it receives."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port):
        self.messages = []
        super().__init__(("127.0.0.1", port), SmtpHandler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 idesk-sink ESMTP")
        sender, recipients = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-idesk-sink")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 idesk-sink")
            elif verb == "MAIL":
                sender, recipients = command, []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    data.append(chunk)
                self.server.messages.append((sender, recipients, b"".join(data)))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP
                self.reply("250 OK")


# ----------------------------------------------------------------------
# Tesseract missing or crashing
# ----------------------------------------------------------------------
def _fake_path(folder, crash):
    """A PATH with poppler's tools and no Tesseract, or a Tesseract that crashes."""
    os.makedirs(folder, exist_ok=True)
    for tool in ("pdftoppm", "pdfinfo", "pdfimages"):
        found = shutil.which(tool)
        if found:
            os.symlink(found, os.path.join(folder, tool))
    if crash:
        fake = os.path.join(folder, "tesseract")
        with open(fake, "w") as stream:
            stream.write(
                "#!/bin/sh\n# a Tesseract that dies on every file\nkill -SEGV $$\n"
            )
        os.chmod(fake, 0o755)
    return folder


def test_clerk_registers_while_tesseract_missing_then_crashing(tmp_path):
    assert shutil.which("tesseract"), "the real Tesseract is needed to check the retry"
    with odoo_transaction() as env:
        vp = env.ref("idesk_security.agency_vp")
        document = env["idesk.document"].create(
            {
                "direction": "incoming",
                "agency_id": vp.id,
                "type_id": env.ref("idesk_registry.type_tb").id,
                "summary": "Thông báo lịch tiếp công dân",
                "document_date": date.today(),
                "arrival_datetime": datetime.now() - timedelta(hours=1),
                "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
                "origin_number_symbol": "41/TB-SNV",
            }
        )
        document._attach_scan(
            [("thong_bao.png", scan_png(["THÔNG BÁO", "Lịch tiếp công dân tháng 12"]))]
        )
        assert document.ocr_state == "pending"
        path = os.environ["PATH"]
        retry_domain = [
            ("id", "=", document.id),
            ("ocr_state", "in", ("pending", "failed")),
            ("ocr_attempts", "<", 3),
            ("scan_attachment_id", "!=", False),
        ]
        try:
            os.environ["PATH"] = _fake_path(str(tmp_path / "no_tesseract"), crash=False)
            document.with_context(idesk_confirm_duplicate=True).action_register()
            assert document.state == "registered" and document.number, (
                "registration must not need OCR"
            )
            document._do_ocr()
            assert (document.ocr_state, document.ocr_attempts) == ("failed", 1)
            assert "tesseract" in (document.ocr_error or "").lower(), document.ocr_error
            assert env["idesk.document"].search(retry_domain), (
                "a failed OCR must be retried later"
            )

            os.environ["PATH"] = _fake_path(str(tmp_path / "crashing"), crash=True)
            document._do_ocr()
            assert (document.ocr_state, document.ocr_attempts) == ("failed", 2), (
                document.ocr_error
            )
            assert document.state == "registered" and document.scan_attachment_id
        finally:
            os.environ["PATH"] = path
        document._do_ocr()
        assert document.ocr_state == "done", document.ocr_error
        from odoo.addons.idesk_registry.tools.text import fold

        assert "cong dan" in fold(document.ocr_text), document.ocr_text
        assert not env["idesk.document"].search(retry_domain)


# ----------------------------------------------------------------------
# Mail server unreachable
# ----------------------------------------------------------------------
def _queue_reminders(env, closed_port):
    """Point Odoo's outgoing mail at a closed port, make two assignments due and
    run the daily reminder job; return the queued reminder mails."""
    env["ir.mail_server"].search([]).write({"active": False})
    server = env["ir.mail_server"].create(
        {"name": "Down", "smtp_host": "127.0.0.1", "smtp_port": closed_port, "sequence": 0,
         "smtp_encryption": "none"}
    )  # fmt: skip
    vp = env.ref("idesk_security.agency_vp")
    document = env["idesk.document"]._register_new(
        [{"direction": "incoming", "agency_id": vp.id, "type_id": env.ref("idesk_registry.type_kh").id,
          "summary": "Kế hoạch kiểm tra công tác văn thư", "document_date": date.today() - timedelta(days=20),
          "arrival_datetime": datetime.now() - timedelta(days=1), "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
          "origin_number_symbol": "88/KH-SNV"}],
        confirm_duplicate=True,
    )  # fmt: skip
    officer, head = (
        env.ref("idesk_security.user_cv_tckh"),
        env.ref("idesk_security.user_vanthu_vp"),
    )
    env["idesk.assignment"].create(
        [{"document_id": document.id, "role": "lead", "user_id": officer.id,
          "deadline": date.today() - timedelta(days=3)},
         {"document_id": document.id, "role": "cooperate", "user_id": head.id,
          "deadline": date.today() - timedelta(days=2)}]
    )  # fmt: skip
    before = env["mail.mail"].search([]).ids
    env["idesk.assignment"]._cron_send_reminders()
    env.flush_all()
    mails = env["mail.mail"].search([("id", "not in", before)])
    recipients = mails.recipient_ids | mails.partner_ids
    assert officer.partner_id in recipients and head.partner_id in recipients, (
        "no reminder queued"
    )
    return server, mails


def _addresses(mails):
    return sorted(
        p.email for m in mails for p in (m.recipient_ids or m.partner_ids) if p.email
    )


def test_clerk_reminders_kept_while_mail_server_down_then_sent_once_on_retry():
    """The SMTP server is down: the reminders are kept (none lost) with the
    failure; after the administrator's Retry, each goes out exactly once."""
    with odoo_transaction() as env, real_mail_delivery():
        server, mails = _queue_reminders(env, free_port())
        expected = _addresses(mails)
        ids = mails.ids
        env["mail.mail"].process_email_queue(ids=ids)
        env.invalidate_all()
        kept = env["mail.mail"].browse(ids).exists()
        assert len(kept) == len(ids), (
            "a reminder was lost while the mail server was down"
        )
        assert set(kept.mapped("state")) <= {"outgoing", "exception"}
        port = free_port()
        with SmtpSink(port) as sink:
            server.smtp_port = port
            exceptions = kept.filtered(lambda m: m.state == "exception")
            exceptions.mark_outgoing()
            env["mail.mail"].process_email_queue(ids=ids)
            env["mail.mail"].process_email_queue(
                ids=ids
            )  # a second run sends nothing twice
        delivered = sorted(
            rcpt for _sender, rcpts, _data in sink.messages for rcpt in rcpts
        )
        assert delivered == expected, f"sent {delivered}, expected once each {expected}"


def test_clerk_reminders_go_out_by_themselves_when_mail_server_returns():
    """Without anyone pressing Retry: idesk_security's hourly job puts the mails
    that failed on the unreachable server back in the queue; the queue job then
    sends each reminder exactly once, and later runs send nothing again."""
    with odoo_transaction() as env, real_mail_delivery():
        server, mails = _queue_reminders(env, free_port())
        expected = _addresses(mails)
        Mail = env["mail.mail"]
        Mail.process_email_queue(ids=mails.ids)
        env.invalidate_all()
        assert len(mails.exists()) == len(mails), "a reminder was lost"
        port = free_port()
        with SmtpSink(port) as sink:
            server.smtp_port = port
            for _hour in range(3):  # the hourly requeue job, then the mail queue job
                Mail._cron_idesk_requeue_failed_mails()
                Mail.process_email_queue(ids=mails.ids)
        delivered = sorted(
            rcpt for _sender, rcpts, _data in sink.messages for rcpt in rcpts
        )
        assert delivered == expected, f"sent {delivered}, expected once each {expected}"


# ----------------------------------------------------------------------
# Two clerks edit the same document
# ----------------------------------------------------------------------
def _draft(env):
    return env["idesk.document"].create(
        {"direction": "incoming", "agency_id": env.ref("idesk_security.agency_vp").id,
         "type_id": env.ref("idesk_registry.type_cv").id, "summary": "V/v rà soát hộ nghèo",
         "document_date": date.today(), "arrival_datetime": datetime.now() - timedelta(hours=1),
         "issuing_body_name": "Sở Lao động - Thương binh và Xã hội tỉnh Bình Định",
         "origin_number_symbol": "15/SLĐTBXH-BTXH"}
    )  # fmt: skip


def _office_clerks(env):
    """The Office's clerk and a second clerk of the Office (only its clerks write its
    register entries)."""
    from odoo.tests import new_test_user

    second = new_test_user(
        env, login="vanthu2_vp_faults", groups="idesk_security.group_idesk_clerk",
        agency_id=env.ref("idesk_security.agency_vp").id, name="Văn thư 2",
    )  # fmt: skip
    return env.ref("idesk_security.user_vanthu_vp"), second


def test_clerks_edit_same_document_both_changes_in_chatter():
    """Whatever the outcome, both edits are traced in the document's chatter."""
    with odoo_transaction() as env:
        env = env(context=dict(env.context, tracking_disable=False))
        document = _draft(env)
        env.cr.precommit.run()  # the draft was saved earlier
        first, second = _office_clerks(env)
        document.with_user(first).write(
            {"summary": "V/v rà soát hộ nghèo năm 2026 (văn thư 1)"}
        )
        env.cr.precommit.run()  # tracking is written when the transaction commits
        document.with_user(second).write(
            {"summary": "V/v rà soát hộ cận nghèo (văn thư 2)"}
        )
        env.cr.precommit.run()
        values = document.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == "summary"
        ).mapped("new_value_text")
        assert {
            "V/v rà soát hộ nghèo năm 2026 (văn thư 1)",
            "V/v rà soát hộ cận nghèo (văn thư 2)",
        } <= set(values)


def test_clerks_edit_same_document_second_gets_conflict():
    """Both clerks open the form; the first saves; the second's save, made on the
    version it opened (the web client sends its write date), is refused."""
    from odoo.exceptions import UserError

    with odoo_transaction() as env:
        document = _draft(env)
        first, second = _office_clerks(env)
        opened = document.read(["write_date"])[0]["write_date"].replace(microsecond=0)
        edit_since = str(opened)  # as the web client serialises it
        document.with_user(first).web_save(
            {"summary": "Bản của văn thư 1", "edit_since": edit_since}, {}
        )
        env.flush_all()
        env.cr.execute("UPDATE idesk_document SET write_date = write_date + interval '1 second' WHERE id = %s",
                       [document.id])  # fmt: skip
        env.invalidate_all()
        with pytest.raises(UserError, match="changed|thay đổi"):
            document.with_user(second).web_save(
                {"summary": "Bản của văn thư 2", "edit_since": edit_since}, {}
            )
        assert document.summary == "Bản của văn thư 1"
