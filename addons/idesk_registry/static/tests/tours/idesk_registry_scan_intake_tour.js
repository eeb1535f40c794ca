/** @odoo-module **/

import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

const CORRECTED = "Thành lập đoàn kiểm tra công tác văn thư, lưu trữ năm 2026";

/** Put the scan the test prepared (a public attachment) in the file input,
 *  as when the clerk chooses it. */
async function chooseTourScan() {
  const [attachment] = await rpc("/web/dataset/call_kw/ir.attachment/search_read", {
    model: "ir.attachment",
    method: "search_read",
    args: [[["name", "=", "idesk-intake-tour.pdf"]], ["id"]],
    kwargs: {},
  });
  const response = await fetch(`/web/content/${attachment.id}`);
  const file = new File([await response.blob()], "qd-318.pdf", {
    type: "application/pdf",
  });
  const input = document.querySelector(".o_idesk_scan_intake input[type=file]");
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event("change", {bubbles: true}));
}

registry.category("web_tour.tours").add("idesk_registry_scan_intake_tour", {
  steps: () => [
    {
      content: "Receive from a scan",
      trigger: ".o_list_view button.o_idesk_scan_intake_button",
      run: "click",
    },
    {
      content: "Choose the scan",
      trigger: ".o_idesk_scan_intake .o_idesk_drop_zone",
      run: chooseTourScan,
    },
    {
      content: "The draft opens with the number read from the scan",
      trigger:
        ".o_form_view .o_field_widget[name=origin_number_symbol] input:value(318/QĐ-UBND)",
      timeout: 60000,
    },
    {
      content: "The summary is marked as suggested",
      trigger: ".o_form_view .o_field_widget[name=summary].o_idesk_suggested",
    },
    {
      content: "The date is read from the scan",
      trigger:
        ".o_form_view .o_field_widget[name=document_date] input:value(05/10/2026)",
    },
    {
      content: "The clerk corrects the summary",
      trigger: ".o_form_view .o_field_widget[name=summary] textarea",
      run: `edit ${CORRECTED}`,
    },
    {
      content: "Leave the field",
      trigger: ".o_form_view .o_field_widget[name=origin_number_symbol] input",
      run: "click",
    },
    {
      content: "A corrected field is no longer marked",
      trigger: ".o_form_view .o_field_widget[name=summary]:not(.o_idesk_suggested)",
    },
    {
      content: "Register",
      trigger: ".o_form_view button[name=action_register]",
      run: "click",
    },
    {
      content: "The document is registered with its arrival number",
      trigger:
        ".o_statusbar_status button.o_arrow_button_current[data-value=registered]",
    },
    {
      content: "No field is marked suggested any more",
      trigger: ".o_form_view:not(:has(.o_idesk_suggested))",
    },
  ],
});

registry.category("web_tour.tours").add("idesk_registry_scan_beside_tour", {
  steps: () => [
    {
      content: "The form of the draft is open",
      trigger: ".o_form_view .o_field_widget[name=origin_number_symbol]",
    },
    {
      content: "On a wide screen the scan is shown beside the fields",
      trigger: ".o_attachment_preview .o-mail-Attachment iframe",
    },
  ],
});
