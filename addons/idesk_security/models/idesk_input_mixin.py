import base64
import re
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tools.misc import format_date

# PostgreSQL int4: the column of Integer fields and of record ids.
INT4_MIN, INT4_MAX = -(2**31), 2**31 - 1
# No date of the town's work is before 1900: an earlier one is a typing error
# (year 0001, 1026). The bound stays below the registry's own rule for documents
# dated before 2/9/1945, whose message is clearer. Its longest horizon is a
# five-year plan: a date more than ten years ahead is a typo (2062 for 2026) or
# a probe (9999).
EARLIEST_DATE = date(1900, 1, 1)
YEARS_AHEAD = 10
# Characters a text field takes when it declares no ``size`` (html: markup takes room).
DEFAULT_SIZES = {"char": 1_000, "text": 10_000, "html": 100_000}
# An HTML tag (<b>, </p>, <br/>, <img src=x onerror=…>, <!-- …), a script URL or an
# event handler; "a < b", "3<5" and "<vanthu@annhon.gov.vn>" are plain text.
MARKUP = re.compile(
    r"<\s*/?\s*[a-z][a-z0-9-]*(?:[\s/][^>]*)?>|<!|javascript\s*:|\bon[a-z]+\s*=\s*[\"']",
    re.IGNORECASE,
)
# What Odoo's field conversion raises on a value it cannot convert.
CONVERSION_ERRORS = (ValueError, TypeError, OverflowError, KeyError)


class IdeskInputMixin(models.AbstractModel):
    """Values are converted as Odoo converts them, and refused where Odoo would
    crash or store what nobody means.

    Over JSON-RPC and XML-RPC anything can be sent as a field value. Odoo stores
    what its own conversion (``Field.convert_to_cache``) makes of it, a text
    ``"12"`` in an integer is 12, or stops on a raw server error a clerk cannot
    read. Every iDESK model people write inherits this mixin: a value Odoo
    cannot convert, and the ones below that it would take, are refused with a
    ``ValidationError`` naming the field in the user's language (also over the
    external API, whose calls carry no context):

    ===================  ======================================================
    integer              outside PostgreSQL's int4
    many2one             not the id of a record (1 to 2,147,483,647): Odoo
                         would silently empty the field given "12" or [12, "x"]
    char, text, html     a dict or a list (Odoo would store its Python text);
                         a null character; more characters than the field's
                         ``size`` (else 1,000 / 10,000 / 100,000), which Odoo
                         would cut silently; in char and text (html is
                         sanitized by Odoo), HTML tags or script, unless the
                         field is declared with ``allow_markup=True``
    date, datetime       before 1900 or more than ten years ahead
    one2many, many2many  anything but ids, a recordset or commands Odoo carries
                         out (it crashes on some, silently ignores others)
    binary               anything but base64
    ===================  ======================================================

    Where values come in: ``create`` and ``write`` check theirs, and the defaults
    (``default_*`` of the context, user defaults) are checked as Odoo adds them;
    ``load``, ``copy``, ``web_save`` and the create/update commands of x2many
    lines end in these (a line's values are checked by the line's model). A
    constraint checks what a compute method put into an editable field.
    """

    _name = "idesk.input.mixin"
    _description = "iDESK check of the values received"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)

    def _add_missing_default_values(self, values):
        # Defaults (``default_*`` of the context, user defaults) join the values
        # inside Odoo's create, after the check above and before the INSERT (where
        # a null character or an int4 overflow would end in a raw database error).
        defaults = super()._add_missing_default_values(values)
        self._check_input(
            {name: value for name, value in defaults.items() if name not in values}
        )
        return defaults

    @api.constrains(lambda self: self._input_computed_fields())
    def _check_input_computed(self):
        """A compute method's value never went through create or write (e.g. the
        issuing body of a document, taken from a contact's name)."""
        names = self._input_computed_fields()
        for record in self:
            record._check_input({name: record[name] for name in names})

    def _input_computed_fields(self):
        return [
            name
            for name, field in self._fields.items()
            if field.store and field.compute and not field.readonly
        ]

    @api.model
    def _input_date_range(self):
        """The first and the last date taken."""
        return EARLIEST_DATE, date.today() + relativedelta(years=YEARS_AHEAD)

    def _valid_field_parameter(self, field, name):
        # allow_markup=True: a char or text field that may hold "<…>" (passwords,
        # machine-read text)
        return name == "allow_markup" or super()._valid_field_parameter(field, name)

    def _idesk_in_user_lang(self):
        """``self`` speaking the user's language: calls over the external API
        carry no context."""
        if self.env.lang:
            return self
        return self.with_context(lang=self.env.user.lang)

    @api.model
    def _idesk_load_vietnamese(self, module):
        """Load the Vietnamese terms of ``module`` now; return "vi_VN", or None
        when the database has no Vietnamese (``--load-language=vi_VN``).

        Odoo loads a module's translations after its data and demo data: the
        demo functions call this first (then themselves again
        ``with_context(lang=...)``), so that the activities, chatter messages,
        tracked values and security log entries they write (``Direct this
        incoming document``, the roles' names) are stored in Vietnamese."""
        if not self.env["res.lang"].search_count([("code", "=", "vi_VN")]):
            return None
        self.env["ir.module.module"].search(
            [("name", "=", module)]
        )._update_translations(filter_lang="vi_VN")
        # selection labels and model names read before are cached in English
        self.env.registry.clear_cache()
        self.env.invalidate_all()
        return "vi_VN"

    def _check_input(self, vals):
        """Raise a ValidationError for the first value of ``vals`` not taken."""
        model = self._idesk_in_user_lang()
        for name, value in vals.items():
            field = model._fields.get(name)
            if field is None:
                raise ValidationError(
                    model.env._("Unknown field: %(name)s.", name=name)
                )
            if value is None or value is False:
                continue
            check = INPUT_CHECKS.get(field.type, _any)
            message = check(model, field, value)
            if message:
                raise ValidationError(message)


# One check by field type: the translated message saying why ``value`` is not
# taken for ``field``, or None.
def _any(model, field, value):
    try:
        _convert(model, field, value)
    except CONVERSION_ERRORS:
        return model.env._(
            "%(field)s: this value cannot be stored.", field=_label(model, field)
        )
    return None


def _integer(model, field, value):
    try:
        number = _convert(model, field, value)
    except CONVERSION_ERRORS:
        number = None
    if not isinstance(number, int):
        return model.env._(
            "%(field)s: a whole number is expected.", field=_label(model, field)
        )
    if not INT4_MIN <= number <= INT4_MAX:
        return model.env._(
            "%(field)s: the number must be between %(min)s and %(max)s.",
            field=_label(model, field),
            min=INT4_MIN,
            max=INT4_MAX,
        )
    return None


def _float(model, field, value):
    try:
        _convert(model, field, value)
    except CONVERSION_ERRORS:
        return model.env._(
            "%(field)s: a number is expected.", field=_label(model, field)
        )
    return None


def _text(model, field, value):
    try:
        if isinstance(value, (dict, list, tuple, set)):
            # Odoo would store the structure's Python text: {'vi': 'Kế hoạch'}
            raise TypeError(value)
        _convert(model, field, value)
        # Odoo cuts the value to the field's size: measure what was sent
        text = value.decode() if isinstance(value, bytes) else str(value)
    except CONVERSION_ERRORS:
        return model.env._("%(field)s: a text is expected.", field=_label(model, field))
    if "\x00" in text:
        return model.env._(
            "%(field)s: the text contains a null character.", field=_label(model, field)
        )
    size = field.size or DEFAULT_SIZES[field.type]
    if len(text) > size:
        return model.env._(
            "%(field)s: the text has %(length)s characters; at most %(max)s are allowed.",
            field=_label(model, field),
            length=len(text),
            max=size,
        )
    if (
        field.type != "html"
        and not getattr(field, "allow_markup", False)
        and MARKUP.search(text)
    ):
        return model.env._(
            "%(field)s: the text contains HTML or script; please type plain text.",
            field=_label(model, field),
        )
    return None


def _date(model, field, value):
    try:
        day = _convert(model, field, value)
    except CONVERSION_ERRORS:
        if field.type == "date":
            return model.env._(
                "%(field)s: a date (YYYY-MM-DD) is expected.",
                field=_label(model, field),
            )
        return model.env._(
            "%(field)s: a date and time (YYYY-MM-DD HH:MM:SS) is expected.",
            field=_label(model, field),
        )
    if isinstance(day, datetime):
        day = day.date()
    earliest, latest = model._input_date_range()
    if day and not earliest <= day <= latest:
        return model.env._(
            "%(field)s: the date %(date)s is not plausible; dates from %(earliest)s "
            "to %(latest)s are accepted.",
            field=_label(model, field),
            date=format_date(model.env, day),
            earliest=format_date(model.env, earliest),
            latest=format_date(model.env, latest),
        )
    return None


def _selection(model, field, value):
    try:
        _convert(model, field, value)
    except CONVERSION_ERRORS:
        return model.env._(
            "%(field)s: “%(value)s” is not one of the allowed values.",
            field=_label(model, field),
            value=str(value)[:80],
        )
    return None


def _many2one(model, field, value):
    try:
        record_id = _convert(model, field, value)
    except CONVERSION_ERRORS:
        record_id = None
    if _is_id(record_id):
        return None
    return model.env._(
        "%(field)s: the id of a record is expected.", field=_label(model, field)
    )


def _x2many(model, field, value):
    if _is_x2many(model.env[field.comodel_name], value):
        return None
    return model.env._(
        "%(field)s: a list of record ids or of commands is expected.",
        field=_label(model, field),
    )


def _binary(model, field, value):
    try:
        base64.b64decode(value)
    except CONVERSION_ERRORS:
        return model.env._(
            "%(field)s: a file encoded in base64 is expected.",
            field=_label(model, field),
        )
    return None


INPUT_CHECKS = {
    "integer": _integer,
    "many2one_reference": _integer,
    "float": _float,
    "monetary": _float,
    "char": _text,
    "text": _text,
    "html": _text,
    "date": _date,
    "datetime": _date,
    "selection": _selection,
    "many2one": _many2one,
    "one2many": _x2many,
    "many2many": _x2many,
    "binary": _binary,
}


def _convert(model, field, value):
    """Odoo's own conversion of ``value`` for ``field``, on no record."""
    return field.convert_to_cache(value, model.browse(), validate=True)


def _label(model, field):
    return field._description_string(model.env)


def _is_id(value):
    # NewId (a dict given for a many2one) and bool are not ids
    return type(value) is int and 0 < value <= INT4_MAX


def _is_x2many(comodel, value):
    """Whether ``value`` is ids, a recordset of ``comodel`` or commands that
    Odoo's x2many write (``_RelationalMulti.write_batch``) carries out."""
    if isinstance(value, models.BaseModel):
        return value._name == comodel._name
    if isinstance(value, tuple) or (
        isinstance(value, list) and value and not isinstance(value[0], (list, tuple))
    ):
        return all(_is_id(record_id) for record_id in value)
    return isinstance(value, list) and all(map(_is_command, value))


def _is_command(command):
    if not (
        isinstance(command, (list, tuple))
        and command
        and isinstance(command[0], int)
        and not isinstance(command[0], bool)
    ):
        return False
    code, size = command[0], len(command)
    if code in (Command.CREATE, Command.UPDATE):
        # the line's own model checks the values
        return (
            size >= 3
            and isinstance(command[2], dict)
            and (code == Command.CREATE or _is_id(command[1]))
        )
    if code in (Command.DELETE, Command.UNLINK, Command.LINK):
        return size >= 2 and _is_id(command[1])
    if code == Command.SET:
        return (
            size >= 3
            and isinstance(command[2], (list, tuple))
            and all(_is_id(record_id) for record_id in command[2])
        )
    return code == Command.CLEAR
