import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("idesk_drafting_sign_tour", {
    steps: () => [
        {
            content: "The draft that reached the leader is in the list",
            trigger: ".o_data_cell:contains('Tour: báo cáo quyết toán')",
            run: "click",
        },
        {
            content: "Sign it",
            trigger: ".o_form_view button[name='action_sign']",
            run: "click",
        },
        {
            content: "Record the consent that stands for the signature",
            trigger: ".modal div[name='consent'] input",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The draft is signed",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value='signed'].o_arrow_button_current",
        },
    ],
});

registry.category("web_tour.tours").add("idesk_drafting_issue_tour", {
    steps: () => [
        {
            content: "The signed draft waits for the clerk",
            trigger: ".o_data_cell:contains('Tour: báo cáo quyết toán')",
            run: "click",
        },
        {
            content: "Issue and send",
            trigger: ".o_form_view button[name='action_issue']",
            run: "click",
        },
        {
            content: "Confirm that the number is taken now",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The registered outgoing document opens",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value='registered'].o_arrow_button_current",
        },
    ],
});
