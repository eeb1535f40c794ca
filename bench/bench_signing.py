"""Signing benchmark (idesk_signature): PAdES signatures made by pyHanko with
keys on a real SoftHSM2 token (PKCS#11) and in a PKCS#12 file.

No database: the signing code of iDESK itself (addons/idesk_signature/tools)
on a 10-page PDF. Each timing is one whole signature as iDESK makes it: load
the token's objects, log in with the PIN, build the visible appearance, sign,
write the new revision, close the session.

    .venv/bin/python bench/bench_signing.py [--runs 20]

Target (issue 15): a signature ≤ 500 ms with SoftHSM2.
"""

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "addons" / "idesk_signature"))

from reportlab.pdfgen import canvas  # noqa: E402
from tools import appearance, pki, sign, softhsm  # noqa: E402

PIN = "246810"
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


def ten_pages():
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for page in range(10):
        for line in range(40):
            sheet.drawString(
                60, 780 - 18 * line, f"Trang {page + 1}, dong {line + 1}: noi dung"
            )
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def timed(function, runs):
    """``(result, wall ms, CPU ms)``: SoftHSM2 is a library, its work is this
    process's CPU time, which a loaded machine does not inflate."""
    walls, cpus = [], []
    for _run in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - start_cpu) * 1000)
    return result, (walls, cpus)


def p95(values):
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ.pop("SOFTHSM2_CONF", None)
    softhsm.ensure_conf(tempfile.mkdtemp(prefix="idesk_bench_softhsm_"))
    demo = pki.make_pki()
    for label, identity in (
        ("bench-leader", demo.leader),
        ("bench-agency", demo.agency),
    ):
        softhsm.create_token(label, PIN, "13579111")
        softhsm.import_key(label, PIN, identity.key, identity.cert, "signing")
    source = ten_pages()
    leader = sign.Pkcs11Key(softhsm.MODULE, "bench-leader", "signing")
    agency = sign.Pkcs11Key(softhsm.MODULE, "bench-agency", "signing")
    image = appearance.signer(170, 70, None, pki.LEADER_NAME)

    def leader_signs():
        with sign.pkcs11_signer(leader, PIN) as signer:
            return sign.sign_pdf(
                source,
                signer,
                "ChuKyLanhDao",
                box=sign.Box(-1, (330, 120, 500, 190), image),
            )

    signed, leader_times = timed(leader_signs, args.runs)

    def agency_issues():
        now = datetime.datetime.now(VIETNAM)
        look = appearance.agency(176, 125, pki.AGENCY_NAME, now, None, 99)
        marks = [
            sign.Box(
                0,
                (60, 760, 200, 776),
                appearance.text(140, 16, ["Số: 12/QĐ-UBND"], 12),
                "SoKyHieu",
            ),
            sign.Box(
                0,
                (330, 760, 520, 776),
                appearance.text(190, 16, ["ngày 30 tháng 11 năm 2026"], 12),
                "NgayBanHanh",
            ),
        ]
        with sign.pkcs11_signer(agency, PIN) as signer:
            return sign.sign_pdf(
                signed,
                signer,
                "ChuKyCoQuan",
                box=sign.Box(-1, (300, 90, 476, 215), look),
                marks=marks,
            )

    _issued, agency_times = timed(agency_issues, args.runs)
    p12 = demo.agency.pkcs12("bench")

    def pkcs12_signs():
        return sign.sign_pdf(source, sign.pkcs12_signer(p12, "bench"), "ChuKyCoQuan")

    _p12, p12_times = timed(pkcs12_signs, args.runs)

    def wrong_pin():
        try:
            with sign.pkcs11_signer(leader, "000000"):
                pass
        except sign.SigningError:
            return True
        return False

    refused, wrong_times = timed(wrong_pin, 3)
    assert refused
    print(
        f"10-page PDF, {len(source) // 1024} KB; {args.runs} runs each; EC P-256 keys"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'signature':56} {'wall median':>11} {'p95':>6} {'CPU median':>10} {'p95':>6}"
    )
    for name, times in (
        ("leader, SoftHSM2 token, visible image", leader_times),
        ("agency at issue, SoftHSM2, number + date + seal fields", agency_times),
        ("agency, PKCS#12 file (PBKDF2 unlock included)", p12_times),
        ("wrong PIN refused (SoftHSM2)", wrong_times),
    ):
        walls, cpus = times
        print(
            f"{name:56} {statistics.median(walls):11.0f} {p95(walls):6.0f}"
            f" {statistics.median(cpus):10.0f} {p95(cpus):6.0f}"
        )


if __name__ == "__main__":
    main()
