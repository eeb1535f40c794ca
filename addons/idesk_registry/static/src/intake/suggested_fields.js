import {Component, useEffect, useRef} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

/**
 * Field widget of `intake_suggested_fields`: a notice at the top of the form
 * and a small "suggested" badge on each field the scan filled, until the
 * clerk edits it (the server forgets it at save, and at registration).
 */
export class SuggestedFields extends Component {
  static template = "idesk_registry.SuggestedFields";
  static props = {...standardFieldProps};

  setup() {
    this.root = useRef("root");
    useEffect(() => this.mark());
  }

  get notice() {
    return _t(
      "The fields marked “suggested” were read from the scan: check them against the paper before registering."
    );
  }

  /** Suggested fields whose value is still the one read from the scan. */
  get pending() {
    const record = this.props.record;
    const names = (record.data[this.props.name] || "").split(",");
    return names.filter(
      (name) =>
        name in record.data &&
        JSON.stringify(record.data[name]) === JSON.stringify(record._values[name])
    );
  }

  /** Mark the pending fields; the returned cleanup (next render, or the
   *  widget gone once nothing is suggested) takes the marks away. */
  mark() {
    const form = this.root.el && this.root.el.closest(".o_form_view");
    if (!form) {
      return undefined;
    }
    const label = _t("suggested");
    const marked = [];
    for (const name of this.pending) {
      for (const el of form.querySelectorAll(`.o_field_widget[name="${name}"]`)) {
        el.classList.add("o_idesk_suggested");
        el.dataset.ideskSuggested = label;
        marked.push(el);
      }
    }
    return () => {
      for (const el of marked) {
        el.classList.remove("o_idesk_suggested");
      }
    };
  }
}

registry.category("fields").add("idesk_suggested_fields", {
  component: SuggestedFields,
  supportedTypes: ["char"],
});
