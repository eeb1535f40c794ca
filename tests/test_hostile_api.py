"""Hostile input over the API: every demo role, over real HTTP (JSON-RPC and XML-RPC),
tries to read, change, delete and act on what is not theirs, on a closed quarter and
with malformed values. Every attempt must be refused with an error the user can read
(a server error is no refusal; a wizard returned to the attacker is executed, and
must be refused then), and a digest of every iDESK table (SQL, computed before and
after each attempt) must not move.

Runs against the pytest-odoo HTTP server (``--odoo-http``) on the test database with
the four addons and their demo data. The test commits what it sets up (an agency
outside the town's hierarchy with its documents, so that even the chairman has
another agency's records to attack; books of last year for the Office whose first
quarter its clerk closes through idesk_reports' API, whatever today's date) and
deletes it at the end.

    .venv/bin/pytest -q --odoo-config=var/dev.conf --odoo-database=DB --odoo-http \
        tests/test_hostile_api.py
"""

import inspect
import os
import sys
import urllib.request
import xmlrpc.client
from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta

# The JSON-RPC client of the benchmarks (bench/common.py needs only the standard library).
BENCH = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bench"
)
sys.path.insert(0, BENCH)
from common import Rpc, RpcError  # noqa: E402

ROLES = [
    "vanthu",
    "chutich",
    "chanhvp",
    "chuyenvien",
    "truongphong",
    "cntt",
    "quantri",
    "vanthu.nhonhau",
    "chutich.nhonhau",
    "chuyenvien.nhonhau",
]
# Errors Odoo sends for a refusal a user can read (anything else is a server crash).
CLEAR_ERRORS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}
OUTSIDE_AGENCY = "Ban Thử nghiệm Tấn công API (ngoài thị xã)"


def demo_client(url, db, user):
    """A demo user over JSON-RPC (demo passwords are the logins)."""
    return Rpc(url, db, timeout=120).login(user, user)


# ----------------------------------------------------------------------
# Database digest
# ----------------------------------------------------------------------
def idesk_tables(cr):
    """Every stored iDESK table (models and their relation tables, no wizards),
    with the records of other models that belong to them."""
    cr.execute("SELECT replace(model, '.', '_') FROM ir_model WHERE transient")
    transient = {row[0] for row in cr.fetchall()}
    cr.execute(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'idesk\\_%%'"
    )
    tables = sorted(
        name
        for (name,) in cr.fetchall()
        if not any(name == t or name.startswith(t + "_") for t in transient)
    )
    queries = [
        f"SELECT '{t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} x"
        for t in tables
    ]
    extra = {
        "ir_attachment": "res_model IN ('idesk.document', 'idesk.book.closure', "
        "'idesk.register.book', 'idesk.assignment', 'idesk.agency')",
        "ir_sequence": "code LIKE 'idesk.%%'",
        "mail_message": "model LIKE 'idesk.%%'",
        "mail_activity": "res_model LIKE 'idesk.%%'",
        "res_groups_users_rel": "TRUE",
        "mail_mail": "TRUE",
    }
    queries += [
        f"SELECT '{t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} x WHERE {w}"
        for t, w in extra.items()
    ]
    queries.append(
        "SELECT 'res_users', md5(string_agg(concat_ws(',', id, login, active, agency_id, "
        "password, idesk_blocked), '|' ORDER BY id)) FROM res_users"
    )
    return " UNION ALL ".join(queries)


class Digest:
    def __init__(self, registry):
        self.registry = registry
        with registry.cursor() as cr:
            self.query = idesk_tables(cr)

    def __call__(self):
        with self.registry.cursor() as cr:
            cr.execute(self.query)
            return dict(cr.fetchall())


# ----------------------------------------------------------------------
# Fixtures
# ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def registry():
    import odoo
    from odoo.modules.registry import Registry

    db = odoo.tools.config["db_name"]
    if not db or not odoo.tools.config.get("http_port"):
        pytest.fail("run with --odoo-database=DB --odoo-http")
    return Registry(db)


@pytest.fixture(scope="module")
def url(registry):
    import odoo

    url = f"http://127.0.0.1:{odoo.tools.config['http_port']}"
    with urllib.request.urlopen(f"{url}/web/health", timeout=30) as response:
        assert response.status == 200
    return url


def _outside_world(registry):
    """An agency outside the town's hierarchy, with documents and an assignment."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        agency = env["idesk.agency"].create(
            {"name": OUTSIDE_AGENCY, "code": "BTN", "kind": "department"}
        )
        ref = env.ref
        common = {
            "agency_id": agency.id,
            "summary": "Kế hoạch nội bộ của ban thử nghiệm",
            "document_date": date.today(),
            "type_id": ref("idesk_registry.type_kh").id,
        }

        def incoming_from(body, number_symbol, **vals):
            return dict(
                common,
                direction="incoming",
                issuing_body_name=body,
                origin_number_symbol=number_symbol,
                arrival_datetime=datetime.now() - timedelta(hours=1),
                **vals,
            )

        Document = env["idesk.document"]
        incoming = Document._register_new(
            [incoming_from("Sở Nội vụ tỉnh Bình Định", "12/KH-SNV")],
            confirm_duplicate=True,
        )
        outgoing = Document._register_new(
            [dict(common, direction="outgoing", signer_name="Nguyễn Văn Thử")],
            confirm_duplicate=True,
        )
        draft = Document.create(
            incoming_from("Sở Tài chính tỉnh Bình Định", "7/TB-STC")
        )
        assignment = env["idesk.assignment"].create(
            {
                "document_id": incoming.id,
                "role": "lead",
                "agency_id": agency.id,
                "deadline": date.today() + timedelta(days=10),
            }
        )
        vp = ref("idesk_security.agency_vp")
        own_draft = Document.create(
            incoming_from("Sở Y tế tỉnh Bình Định", "3/CV-SYT", agency_id=vp.id)
        )
        own = Document.search(
            [
                ("agency_id", "=", vp.id),
                ("state", "=", "registered"),
                ("period_closed", "=", False),
                ("direction", "=", "incoming"),
            ],
            limit=1,
        )
        world = {
            "own_draft": own_draft.id,
            "own_registered": own.id,
            "vp": vp.id,
            "agency": agency.id,
            "incoming": incoming.id,
            "outgoing": outgoing.id,
            "draft": draft.id,
            "assignment": assignment.id,
            "book": incoming.book_id.id,
        }
        cr.commit()
    return world


def _delete_outside_world(registry, world):
    """Delete the outside agency, the Office's draft and the books of last year
    with their entries and closures (closures cannot be deleted through Odoo)."""
    closed_books = world.get("closed_books") or [0]
    with registry.cursor() as cr:
        cr.execute(
            "SELECT id FROM idesk_document WHERE agency_id = %s OR id = %s "
            "OR book_id = ANY(%s)",
            [world["agency"], world.get("own_draft", 0), closed_books],
        )
        docs = [r[0] for r in cr.fetchall()] or [0]
        cr.execute(
            "SELECT id FROM idesk_register_book WHERE agency_id = %s OR id = ANY(%s)",
            [world["agency"], closed_books],
        )
        books = [r[0] for r in cr.fetchall()] or [0]
        cr.execute("SELECT id FROM idesk_book_closure WHERE book_id = ANY(%s)", [books])
        closure_ids = [r[0] for r in cr.fetchall()]
        for sql in (
            "DELETE FROM idesk_assignment WHERE document_id = ANY(%(docs)s)",
            "DELETE FROM mail_activity WHERE res_model = 'idesk.document' AND res_id = ANY(%(docs)s)",
            "DELETE FROM mail_message WHERE model = 'idesk.document' AND res_id = ANY(%(docs)s)",
            "DELETE FROM mail_followers WHERE res_model = 'idesk.document' AND res_id = ANY(%(docs)s)",
            "DELETE FROM ir_attachment WHERE res_model = 'idesk.document' AND res_id = ANY(%(docs)s)",
            "DELETE FROM idesk_document WHERE id = ANY(%(docs)s)",
            "DELETE FROM mail_message WHERE model = 'idesk.book.closure' AND res_id = ANY(%(closures)s)",
            "DELETE FROM mail_followers WHERE res_model = 'idesk.book.closure' AND res_id = ANY(%(closures)s)",
            "DELETE FROM idesk_book_closure WHERE id = ANY(%(closures)s)",
            "DELETE FROM ir_attachment WHERE res_model = 'idesk.book.closure' AND res_id = ANY(%(closures)s)",
            "DELETE FROM mail_message WHERE model = 'idesk.register.book' AND res_id = ANY(%(books)s)",
            "DELETE FROM mail_followers WHERE res_model = 'idesk.register.book' AND res_id = ANY(%(books)s)",
            "DELETE FROM idesk_register_book WHERE id = ANY(%(books)s)",
            "DELETE FROM ir_sequence WHERE code = ANY(%(codes)s)",
            "DELETE FROM mail_message WHERE model = 'idesk.agency' AND res_id = %(agency)s",
            "DELETE FROM mail_followers WHERE res_model = 'idesk.agency' AND res_id = %(agency)s",
            "DELETE FROM idesk_agency WHERE id = %(agency)s",
        ):
            cr.execute(
                sql,
                {
                    "docs": docs,
                    "books": books,
                    "agency": world["agency"],
                    "codes": [f"idesk.register.book.{b}" for b in books],
                    "closures": closure_ids or [0],
                },
            )
        cr.commit()


def _closed_quarter(registry, url, db, world):
    """Books of last year for the Office (every quarter of last year is over,
    whatever today's date), two entries each in the first quarter, closed over
    RPC by the Office's clerk. Sets ``closed_books`` and ``closed_documents``
    ([(id, direction)] of the entries of the closed quarter) in ``world``."""
    from odoo import SUPERUSER_ID, api

    year = date.today().year - 1
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        vp = env.ref("idesk_security.agency_vp")
        books = env["idesk.register.book"].create(
            [
                {
                    "name": f"Sổ thử nghiệm tấn công {direction} {year}",
                    "agency_id": vp.id,
                    "direction": direction,
                    "year": year,
                    "is_default": False,
                }
                for direction in ("incoming", "outgoing")
            ]
        )
        documents = []
        for book in books:
            for day in (10, 20):
                arrival = datetime(year, 1, day, 3)
                document = env["idesk.document"].create(
                    {
                        "direction": book.direction,
                        "agency_id": vp.id,
                        "type_id": env.ref("idesk_registry.type_kh").id,
                        "summary": f"Kế hoạch quý I năm {year}, số {day}",
                        "document_date": arrival.date(),
                        "arrival_datetime": arrival,
                        "issuing_body_name": "UBND tỉnh Bình Định",
                        "origin_number_symbol": f"{day}/KH-UBND",
                        "signer_name": "Phạm Văn Trung",
                    }
                )
                number = book._take_number()
                vals = {
                    "book_id": book.id,
                    "number": number,
                    "registration_date": arrival,
                    "state": "registered",
                }
                if book.direction == "outgoing":
                    vals["symbol"] = document._compose_symbol(number)
                document._registry_sudo().write(vals)
                documents.append((document.id, book.direction))
        cr.commit()
    world["closed_books"] = books.ids
    clerk = demo_client(url, db, "vanthu")
    for book in books.ids:
        clerk("idesk.book.closure", "action_close_quarter", book, 1)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT id FROM idesk_book_closure WHERE book_id = ANY(%s) AND quarter = '1' "
            "AND state = 'closed'",
            [books.ids],
        )
        closures = [row[0] for row in cr.fetchall()]
    assert len(closures) == 2, "the clerk closed the first quarter of both books"
    world["closed_documents"] = documents


@pytest.fixture(scope="module")
def world(registry, url):
    db = registry.db_name
    world = _outside_world(registry)
    try:
        _closed_quarter(registry, url, db, world)
        world["clients"] = {user: demo_client(url, db, user) for user in ROLES}
        world["digest"] = Digest(registry)
        world["registry"] = registry
        yield world
    finally:
        _delete_outside_world(registry, world)
        print(
            f"\n{world.get('attempts', 0)} hostile calls, each refused with the database unchanged"
        )


# What the attacker types in a wizard he was handed (see Attack._wizard_values).
TINY_PDF = "JVBERi0xLjQKJcTl8uXrCjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PC9Sb290IDEgMCBSPj4KJSVFT0YK"
PLAUSIBLE = {
    "char": "Thử nghiệm tấn công 2026",
    "text": "Lý do thử nghiệm",
    "html": "<p>Lý do thử nghiệm</p>",
    "integer": 1,
    "float": 1.0,
    "monetary": 1.0,
    "boolean": True,
    "date": str(date.today()),
    "datetime": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
    "binary": TINY_PDF,
}
# Methods every model has, which a wizard's buttons are not.
ORM_METHODS = {"create", "write", "unlink", "copy", "read", "default_get", "web_read"}


# What a hostile call did that it must not (already told in Attack.failures).
FAILED = object()


class Attack:
    """One user's hostile calls. Each must be refused with an error the user can
    read (AccessError, UserError, ValidationError, MissingError: a server error
    is no refusal) and leave every iDESK table as it was. A call that returns a
    wizard is refused only if executing that wizard is refused. What went
    wrong is collected in ``failures``; ``verify`` fails the test with all of it."""

    def __init__(self, world, client):
        self.world, self.client = world, client
        self.refusals, self.failures = [], []

    def __call__(self, label, model, method, *args, **kwargs):
        """The refusal (an RpcError), or None when the call was not refused."""
        outcome = self._call(label, model, method, *args, **kwargs)
        if outcome is not FAILED and self._is_wizard(outcome):
            outcome = self._execute_wizard(label, outcome)
        elif outcome is not FAILED and not isinstance(outcome, RpcError):
            self.failures.append(f"{label}: accepted (returned {str(outcome)[:200]})")
            outcome = FAILED
        if outcome is FAILED:
            return None
        self.refusals.append(outcome)
        return outcome

    def _call(self, label, model, method, *args, **kwargs):
        """One call: its clear refusal, what it returned, or FAILED."""
        digest = self.world["digest"]
        self.world["attempts"] = self.world.get("attempts", 0) + 1
        before = digest()
        try:
            result = self.client(model, method, *args, **kwargs)
        except RpcError as error:
            result = error
        after = digest()
        changed = sorted(t for t in before if before[t] != after.get(t))
        if changed:
            self.failures.append(f"{label}: {changed} changed ({str(result)[:200]})")
            return FAILED
        if isinstance(result, RpcError) and result.name not in CLEAR_ERRORS:
            self.failures.append(f"{label}: server error {str(result)[:300]}")
            return FAILED
        return result

    @staticmethod
    def _is_wizard(result):
        return (
            isinstance(result, dict)
            and result.get("type") == "ir.actions.act_window"
            and result.get("target") == "new"
        )

    def _execute_wizard(self, label, action):
        """Do what the web client does with a wizard action: open the wizard
        with the action's context (its defaults), fill it in, save it and press
        each of its buttons. The clear refusal of one of these steps, or FAILED
        when a button does what was asked."""
        model = action["res_model"]
        context = action.get("context") or {}
        tag = f"{label} -> wizard {model}"
        if not isinstance(context, dict):
            self.failures.append(f"{tag}: context {context!r}")
            return FAILED
        wizard = action.get("res_id")
        if not wizard:
            fields = self.client(
                model, "fields_get", [], ["type", "required", "readonly", "selection"]
            )
            defaults = self._call(
                f"{tag}.default_get",
                model,
                "default_get",
                list(fields),
                context=context,
            )
            if defaults is FAILED or isinstance(defaults, RpcError):
                return defaults
            values = self._wizard_values(fields, defaults)
            wizard = self._call(
                f"{tag}.create", model, "create", values, context=context
            )
            if wizard is FAILED or isinstance(wizard, RpcError):
                return wizard
        buttons = [
            name
            for name in public_methods(self.world["registry"], model)
            if name not in ORM_METHODS
        ]
        if not buttons:
            self.failures.append(f"{tag}: opened, and it has no button to refuse")
            return FAILED
        for button in buttons:
            outcome = self._call(
                f"{tag}.{button}", model, button, [wizard], context=context
            )
            if outcome is FAILED:
                return FAILED
            if not isinstance(outcome, RpcError):
                self.failures.append(
                    f"{tag}.{button}: done for the attacker (returned {str(outcome)[:200]})"
                )
                return FAILED
        return outcome

    @staticmethod
    def _wizard_values(fields, defaults):
        """What the attacker types in the wizard: every field he can edit that
        the wizard does not fill itself (a reason, a note, a choice)."""
        values = {}
        for name, field in fields.items():
            kind = field["type"]
            if name in defaults or field.get("readonly"):
                continue
            if kind == "selection" and field.get("selection"):
                values[name] = field["selection"][0][0]
            elif kind in PLAUSIBLE and (kind != "boolean" or field.get("required")):
                values[name] = PLAUSIBLE[kind]
        return values

    def verify(self, minimum):
        """Nothing went through, and at least ``minimum`` calls were refused."""
        assert not self.failures, "not refused:\n" + "\n".join(self.failures)
        assert len(self.refusals) >= minimum, (
            f"only {len(self.refusals)} refusals, expected at least {minimum}"
        )


def required_args(registry, model, method):
    """A plausible value for each required argument (a reason, a note)."""
    parameters = list(
        inspect.signature(getattr(registry[model], method)).parameters.values()
    )[1:]
    return [
        "Lý do thử nghiệm"
        for p in parameters
        if p.default is p.empty and p.kind == p.POSITIONAL_OR_KEYWORD
    ]


def public_methods(registry, model):
    """Public methods that the iDESK addons define on ``model`` (callable over RPC)."""
    cls = registry[model]
    names = []
    for name in dir(cls):
        function = getattr(cls, name, None)
        if name.startswith("_") or name == "init" or not inspect.isfunction(function):
            continue
        if (function.__module__ or "").startswith("odoo.addons.idesk_"):
            names.append(name)
    return sorted(names)


# The ORM's and the web client's own calls, attacked with their real arguments
# rather than through the generic loop over public methods.
WEB_METHODS = {"create", "write", "web_read", "web_save", "web_search_read"}
WEB_SPEC = {"display_name": {}}


def _battery(world, registry, login, client):
    """Another agency's records: read, write, unlink, every public method."""
    attack = Attack(world, client)
    targets = {
        "idesk.document": [world["incoming"], world["outgoing"], world["draft"]],
        "idesk.assignment": [world["assignment"]],
        "idesk.register.book": [world["book"]],
    }
    if login == "quantri":
        # By design (idesk_registry's rules) the network administrator configures
        # the register books of every agency; his documents stay his agency's.
        del targets["idesk.register.book"]
    writes = {
        "idesk.document": {"summary": "Sửa trái phép", "note": "x"},
        "idesk.assignment": {"result_note": "Sửa trái phép", "deadline": "2030-01-01"},
        "idesk.register.book": {"name": "Sổ bị đổi tên"},
    }
    for model, ids in targets.items():
        for record_id in ids:
            tag = f"{login} {model}({record_id})"
            attack(f"{tag}.read", model, "read", [record_id], ["display_name"])
            attack(f"{tag}.web_read", model, "web_read", [record_id], WEB_SPEC)
            domain = [("id", "=", record_id)]
            found = client(model, "search_read", domain, ["display_name"])
            shown = client(model, "web_search_read", domain, WEB_SPEC)["records"]
            if found or shown:
                attack.failures.append(f"{tag}: the search shows it: {found or shown}")
            attack(f"{tag}.write", model, "write", [record_id], writes[model])
            attack(f"{tag}.web_save", model, "web_save", [record_id], writes[model], {})
            attack(f"{tag}.unlink", model, "unlink", [record_id])
            for method in public_methods(registry, model):
                if method in WEB_METHODS or method.endswith("_quarter"):
                    continue
                attack(
                    f"{tag}.{method}",
                    model,
                    method,
                    [record_id],
                    *required_args(registry, model, method),
                )
    attack(
        f"{login} close another agency's quarter",
        "idesk.book.closure",
        "action_close_quarter",
        world["book"],
        1,
    )
    attack(
        f"{login} create a document in another agency",
        "idesk.document",
        "create",
        {
            "direction": "incoming",
            "agency_id": world["agency"],
            "summary": "Giả mạo",
            "type_id": 1,
            "document_date": str(date.today()),
        },
    )
    return attack


@pytest.mark.parametrize("login", ROLES)
def test_role_other_agency_everything_refused(world, registry, login):
    """Read, write, unlink and every public iDESK method on an agency outside the
    user's reach: each refused, nothing changed."""
    _battery(world, registry, login, world["clients"][login]).verify(31)


# What the Office's clerk (Vietnamese) reads when an entry of a closed quarter
# is to change.
ENTRY_CLOSED = "thuộc một quý đã đóng sổ"


@pytest.mark.parametrize("login", ["vanthu", "chanhvp", "quantri"])
def test_role_closed_quarter_changes_refused(world, login):
    """A closed quarter of last year's books (closed through idesk_reports' API by
    the Office's clerk): its entries and its closures cannot change, by the
    clerk, the Office's leader or the network administrator, who all see them."""
    documents = world["closed_documents"]
    client = world["clients"][login]
    attack = Attack(world, client)
    ids = [d for d, _direction in documents]
    visible = client("idesk.document", "search", [("id", "in", ids)])
    assert sorted(visible) == sorted(ids), (
        f"{login} of the Office does not see the Office's closed entries {ids}"
    )
    for doc_id, direction in documents:
        tag = f"{login} closed entry {doc_id}"
        for vals in (
            {"summary": "Sửa sau khi khóa sổ"},
            {"note": "Ghi chú mới"},
            {"document_date": "2020-01-01"},
            {"page_count": 99},
        ):
            refusal = attack(
                f"{tag}.write {list(vals)}",
                "idesk.document",
                "write",
                [doc_id],
                vals,
                context={"lang": "vi_VN"},  # the language of the Office's staff
            )
            if login == "vanthu" and "summary" in vals and refusal:
                # The clerk may change an open entry's summary: only the
                # closing can be what refuses it.
                if ENTRY_CLOSED not in refusal.message:
                    attack.failures.append(
                        f"{tag}: refused, not by the closing: {refusal}"
                    )
        attack(f"{tag}.unlink", "idesk.document", "unlink", [doc_id])
        attack(
            f"{tag}.attach",
            "ir.attachment",
            "create",
            {
                "name": "them.pdf",
                "raw": "JVBERi0=",
                "res_model": "idesk.document",
                "res_id": doc_id,
            },
        )
        attack(
            f"{tag}.paper received",
            "idesk.document",
            "action_confirm_paper_received",
            [doc_id],
        )
        if direction == "outgoing":
            attack(f"{tag}.stamp", "idesk.document", "action_stamp", [doc_id])
        if login == "vanthu":
            wizard = client(
                "idesk.document.cancel.wizard",
                "create",
                {"document_ids": [(6, 0, [doc_id])], "reason": "Hủy sau khi khóa sổ"},
            )
            attack(
                f"{tag}.cancel",
                "idesk.document.cancel.wizard",
                "action_confirm",
                [wizard],
            )
    closures = client(
        "idesk.book.closure",
        "search_read",
        [("book_id", "in", world["closed_books"]), ("state", "=", "closed")],
        ["id"],
    )
    assert len(closures) == 2, f"{login} does not see the Office's closures"
    for closure in closures:
        tag = f"{login} closure {closure['id']}"
        attack(
            f"{tag}.write",
            "idesk.book.closure",
            "write",
            [closure["id"]],
            {"sha256": "0" * 64},
        )
        attack(f"{tag}.unlink", "idesk.book.closure", "unlink", [closure["id"]])
        attack(
            f"{tag}.reopen without reason",
            "idesk.book.closure",
            "action_reopen",
            [closure["id"]],
            "",
        )
    # 4 entries × 7 or 8 calls, 2 closures × 3 calls
    attack.verify(36)


MALFORMED_CREATES = [
    ("negative copies", {"copies_count": -5}),
    ("huge summary", {"summary": "Trích yếu " * 20000}),
    ("script in the summary", {"summary": "<script>alert('x')</script> Kế hoạch"}),
    ("markup in the note", {"note": "<img src=x onerror=alert(1)>"}),
    ("script in the number/symbol", {"origin_number_symbol": "1/<script>"}),
    ("script in the issuing body", {"issuing_body_name": "<b onclick=alert(1)>Sở</b>"}),
    ("document date in the future", {"document_date": "2999-01-01"}),
    ("arrival in the future", {"arrival_datetime": "2999-01-01 08:00:00"}),
    ("number forced by hand", {"number": 1}),
    ("registered state forced", {"state": "registered"}),
    ("symbol forced", {"symbol": "01/QĐ-UBND"}),
    ("registration date forced", {"registration_date": "2026-01-02 08:00:00"}),
    ("search text forced", {"search_text": "gia mao"}),
    ("state secret", {"confidentiality": "top_secret"}),
    ("unknown selection value", {"direction": "sideways"}),
]
# Values of the wrong type, out of range or malformed, and what a clerk whose
# language is Vietnamese reads (idesk_security's check of the values received).
RELATION = "Loại văn bản: cần nhập mã (id) của một bản ghi."
WHOLE_NUMBER = "Số trang: cần nhập một số nguyên."
OVERFLOW = "Số trang: số phải nằm trong khoảng từ -2147483648 đến 2147483647."
TEXT = "Trích yếu nội dung: cần nhập một chuỗi ký tự."
DATE = "Ngày văn bản: cần nhập một ngày (YYYY-MM-DD)."
# from 1900 to ten years ahead of today
DATE_RANGE = (
    "Ngày văn bản: ngày 01/01/0001 không hợp lý; chỉ nhận ngày từ 01/01/1900 đến "
    f"{date.today() + relativedelta(years=10):%d/%m/%Y}."
)
DATETIME = "Ngày giờ đến: cần nhập ngày giờ (YYYY-MM-DD HH:MM:SS)."
# A list the clerk may write herself (sharing is given by sending, never by hand:
# a command on it is refused as a protected field before its value is looked at).
RECIPIENTS = (
    "Nơi nhận trong hệ thống: cần nhập danh sách mã (id) bản ghi hoặc danh sách lệnh "
    "hợp lệ."
)
WRONG_VALUES = [
    ("wrong type for a relation", {"type_id": "quyết định"}, RELATION),
    ("relation id overflow", {"type_id": 2**40}, RELATION),
    ("wrong type for a number", {"page_count": "mười"}, WHOLE_NUMBER),
    ("integer overflow", {"page_count": 2**40}, OVERFLOW),
    ("a dict for a text", {"summary": {"vi": "Kế hoạch"}}, TEXT),
    ("not a date", {"document_date": "ngày mai"}, DATE),
    ("document date out of range", {"document_date": "0001-01-01"}, DATE_RANGE),
    ("not a date and time", {"arrival_datetime": "sáng nay"}, DATETIME),
    ("malformed command", {"recipient_agency_ids": [(4, "x")]}, RECIPIENTS),
    ("command id overflow", {"recipient_agency_ids": [(6, 0, [2**40])]}, RECIPIENTS),
    ("a dict for a list", {"recipient_agency_ids": {"id": 1}}, RECIPIENTS),
    (
        "unknown field",
        {"idesk_no_such_field": 1},
        "Trường không tồn tại: idesk_no_such_field.",
    ),
]


def _own_incoming(registry, world):
    """Valid values of an incoming document of the Office."""
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM idesk_document_type WHERE code = 'KH'")
        type_id = cr.fetchone()[0]
    return {
        "direction": "incoming",
        "agency_id": world["vp"],
        "type_id": type_id,
        "summary": "Kế hoạch thử nghiệm",
        "document_date": str(date.today()),
        "issuing_body_name": "Sở Nội vụ tỉnh Bình Định",
        "origin_number_symbol": "5/KH-SNV",
    }


def _create_and_write(attack, world, valid, label, bad):
    """``bad`` in a new document and in the Office's draft and registered one."""
    refusals = [attack(f"create: {label}", "idesk.document", "create", valid | bad)]
    for target in ("own_draft", "own_registered"):
        refusals.append(
            attack(
                f"write {target}: {label}",
                "idesk.document",
                "write",
                [world[target]],
                bad,
            )
        )
    return refusals


def test_clerk_malformed_values_refused(world, registry):
    """Malformed values on create and on write, by the Office's clerk on her own
    agency's draft and registered document: refused with an error she can read,
    nothing stored."""
    attack = Attack(world, world["clients"]["vanthu"])
    valid = _own_incoming(registry, world)
    for label, bad in MALFORMED_CREATES:
        _create_and_write(attack, world, valid, label, bad)
    own_registered = [world["own_registered"]]
    attack(
        "write own registered: other book",
        "idesk.document",
        "write",
        own_registered,
        {"book_id": world["book"]},
    )
    attack("unlink own registered", "idesk.document", "unlink", own_registered)
    attack(
        "close quarter 5",
        "idesk.book.closure",
        "action_close_quarter",
        world["book"],
        5,
    )
    attack(
        "close a quarter not over",
        "idesk.book.closure",
        "action_close_quarter",
        world["book"],
        4,
    )
    attack.verify(49)


def test_clerk_wrong_values_refused_in_vietnamese(world, registry):
    """Values of the wrong type, out of range, or malformed relation commands, on
    create and on write by the Office's clerk (Vietnamese): refused with a message
    naming the field in her language, nothing stored."""
    attack = Attack(world, world["clients"]["vanthu"])
    valid = _own_incoming(registry, world)
    for label, bad, message in WRONG_VALUES:
        for refusal in _create_and_write(attack, world, valid, label, bad):
            if refusal is None:
                continue  # told by verify()
            assert refusal.name == "odoo.exceptions.ValidationError", refusal
            assert refusal.message == message, f"{label}: {refusal.message}"
    attack.verify(3 * len(WRONG_VALUES))


def _xmlrpc(url, db, login):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, login, {})
    assert uid
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    return lambda model, method, *args: models.execute_kw(
        db, uid, login, model, method, list(args)
    )


def test_officer_xmlrpc_forged_number_refused(world, url, registry):
    """The same refusals over XML-RPC: an officer forges a number, writes another
    agency's document and calls a private method."""
    officer = _xmlrpc(url, registry.db_name, "chuyenvien")
    digest = world["digest"]
    for method, args in (
        ("write", [[world["incoming"]], {"summary": "Sửa qua XML-RPC"}]),
        ("write", [[world["own_registered"]], {"number": 999}]),
        ("_do_register", [[world["draft"]]]),
        ("unlink", [[world["outgoing"]]]),
    ):
        before = digest()
        with pytest.raises(xmlrpc.client.Fault):
            officer("idesk.document", method, *args)
        assert digest() == before, f"XML-RPC {method} changed the database"


def test_clerk_xmlrpc_wrong_values_refused_in_vietnamese(world, url, registry):
    """Over XML-RPC, a wrong type or an overflow (a float: XML-RPC has no big
    integers) is a warning (fault code 2) with the Vietnamese message, not a
    server error."""
    clerk = _xmlrpc(url, registry.db_name, "vanthu")
    digest = world["digest"]
    for vals, message in (
        ({"page_count": "mười"}, WHOLE_NUMBER),
        ({"page_count": 2.0**40}, OVERFLOW),
        ({"document_date": "ngày mai"}, DATE),
        ({"recipient_agency_ids": [[4, "x"]]}, RECIPIENTS),
    ):
        before = digest()
        with pytest.raises(xmlrpc.client.Fault) as refusal:
            clerk("idesk.document", "write", [world["own_draft"]], vals)
        fault = refusal.value
        assert (fault.faultCode, fault.faultString) == (2, message), fault
        assert digest() == before, f"XML-RPC write {vals} changed the database"


NOT_OF_THE_OFFICE = [
    "chuyenvien",
    "truongphong",
    "vanthu.nhonhau",
    "chutich.nhonhau",
    "chuyenvien.nhonhau",
]


@pytest.mark.parametrize("login", [r for r in ROLES if r != "quantri"])
def test_role_agencies_users_logs_closures_refused(world, registry, login):
    """Everyone but the network administrator: no change to agencies, to other
    people's accounts (agency, roles, blocking), to the security log; and the
    Office's closed books for those outside the Office."""
    client = world["clients"][login]
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM res_users WHERE login = 'cntt'")
        victim = cr.fetchone()[0]
        cr.execute(
            "SELECT res_id FROM ir_model_data WHERE module = 'idesk_security' "
            "AND name = 'group_idesk_admin'"
        )
        admin_group = cr.fetchone()[0]
        cr.execute("SELECT id FROM idesk_security_log ORDER BY id LIMIT 1")
        log = cr.fetchone()
        cr.execute(
            "SELECT c.id FROM idesk_book_closure c JOIN idesk_register_book b "
            "ON b.id = c.book_id WHERE b.agency_id = %s",
            [world["vp"]],
        )
        closures = [r[0] for r in cr.fetchall()]
    attack = Attack(world, client)
    for agency in (world["agency"], world["vp"]):
        attack(
            f"{login} rename agency {agency}",
            "idesk.agency",
            "write",
            [agency],
            {"name": "Đổi tên"},
        )
        attack(
            f"{login} archive agency {agency}",
            "idesk.agency",
            "write",
            [agency],
            {"active": False},
        )
        attack(f"{login} delete agency {agency}", "idesk.agency", "unlink", [agency])
    for vals in (
        {"agency_id": world["agency"]},
        {"groups_id": [(4, admin_group)]},
        {"login": "cntt2"},
    ):
        attack(f"{login} write user {list(vals)}", "res.users", "write", [victim], vals)
    attack(
        f"{login} grant himself admin",
        "res.users",
        "write",
        [world["clients"][login].uid],
        {"groups_id": [(4, admin_group)]},
    )
    attack(f"{login} block a colleague", "res.users", "action_idesk_block", [victim])
    if log:
        attack(
            f"{login} edit the security log",
            "idesk.security.log",
            "write",
            [log[0]],
            {"description": "xóa dấu vết"},
        )
        attack(
            f"{login} delete the security log", "idesk.security.log", "unlink", [log[0]]
        )
        attack(
            f"{login} forge a security log",
            "idesk.security.log",
            "create",
            {"event": "login", "description": "giả"},
        )
    if login in NOT_OF_THE_OFFICE:
        for closure in closures[:2]:
            tag = f"{login} idesk.book.closure({closure})"
            attack(f"{tag}.read", "idesk.book.closure", "read", [closure], ["sha256"])
            for method in public_methods(registry, "idesk.book.closure"):
                if method in ("write", "action_close_quarter"):
                    continue
                attack(
                    f"{tag}.{method}",
                    "idesk.book.closure",
                    method,
                    [closure],
                    *required_args(registry, "idesk.book.closure", method),
                )
    attack.verify(12)
