/** @odoo-module **/

import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

registry.category("web_tour.tours").add("idesk_registry_edit_conflict", {
  steps: () => [
    {
      content: "The clerk has the document open",
      trigger: ".o_form_view .o_field_widget[name=note] textarea",
      run: async () => {
        // Someone else saves the same document a moment later.
        await new Promise((resolve) => setTimeout(resolve, 1100));
        const id = parseInt(window.location.pathname.split("/").pop());
        await rpc("/web/dataset/call_kw/idesk.document/write", {
          model: "idesk.document",
          method: "write",
          args: [[id], {note: "Bản của người khác"}],
          kwargs: {},
        });
      },
    },
    {
      content: "The clerk types a note on the version opened earlier",
      trigger: ".o_form_view .o_field_widget[name=note] textarea",
      run: "edit Bản của văn thư",
    },
    {
      content: "and saves",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "The save is refused with the reason",
      trigger:
        ".modal-body:contains(sau khi bạn mở), .o_notification:contains(sau khi bạn mở)",
    },
    {
      content: "Close the message",
      trigger: ".modal-footer .btn-primary",
      run: "click",
    },
    {
      content: "Discard the stale change, as the message says",
      trigger: ".o_form_button_cancel",
      run: "click",
    },
    {
      content: "The form is back to the version opened, nothing unsaved",
      trigger: ".o_form_view .o_form_saved",
    },
  ],
});
