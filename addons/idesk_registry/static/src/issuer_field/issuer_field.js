import { _t } from "@web/core/l10n/translation";
import { AutoComplete } from "@web/core/autocomplete/autocomplete";
import { registry } from "@web/core/registry";
import { useChildRef, useService } from "@web/core/utils/hooks";
import { CharField, charField } from "@web/views/fields/char/char_field";
import { useInputField } from "@web/views/fields/input_field_hook";

const MIN_TERM = 2;
const LIMIT = 8;

/**
 * One issuer field for the issuer of an incoming document (`issuing_body_name`).
 *
 * Typing proposes the agencies of iDESK and the contacts (outside bodies);
 * choosing one sets `issuing_agency_id` or `issuing_partner_id`, and the name
 * follows it (computed on the server). Any other text is kept as the name
 * alone: the server's onchange then forgets the agency or contact.
 * The form declares `issuing_agency_id` and `issuing_partner_id` (invisible).
 */
export class IssuerField extends CharField {
    static template = "idesk_registry.IssuerField";
    static components = { ...CharField.components, AutoComplete };

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.inputRef = useChildRef();
        useInputField({
            getValue: () => this.props.record.data[this.props.name] || "",
            parse: (value) => this.parse(value),
            ref: this.inputRef,
        });
    }

    get sources() {
        return [
            {
                options: (request) => this.loadOptions(request),
                optionTemplate: "idesk_registry.IssuerOption",
                placeholder: _t("Searching..."),
            },
        ];
    }

    async loadOptions(request) {
        const term = (request || "").trim();
        if (term.length < MIN_TERM) {
            return [];
        }
        const [agencies, contacts] = await Promise.all([
            this.orm.call("idesk.agency", "name_search", [], { name: term, limit: LIMIT }),
            this.orm.call("res.partner", "name_search", [], {
                name: term,
                args: [["is_company", "=", true]],
                limit: LIMIT,
            }),
        ]);
        return [
            ...agencies.map(([resId, label]) => ({
                resId,
                label,
                kind: "agency",
                description: _t("iDESK agency"),
            })),
            ...contacts.map(([resId, label]) => ({
                resId,
                label,
                kind: "contact",
                description: _t("Contact"),
            })),
        ];
    }

    async onSelect(option) {
        // The web client's many2one value: an [id, display_name] pair.
        const chosen = [option.resId, option.label];
        await this.props.record.update(
            option.kind === "agency"
                ? { issuing_agency_id: chosen, issuing_partner_id: false }
                : { issuing_partner_id: chosen, issuing_agency_id: false }
        );
    }
}

export const issuerField = {
    ...charField,
    component: IssuerField,
    supportedTypes: ["char"],
};

registry.category("fields").add("idesk_issuer", issuerField);
