import { registry } from "@web/core/registry";

// The finance office head hands the unit's work to an officer, the officer reports,
// the head accepts (tests/test_delegation_tour.py). The screens are in Vietnamese:
// buttons and fields are found by their name, records by the demo's texts.
const SUMMARY = "Tour: báo cáo quyết toán ngân sách";

registry.category("web_tour.tours").add("idesk_delegation_head_hands_over", {
    steps: () => [
        {
            content: "The unit's work waits in the head's queue",
            trigger: `.o_data_row .o_data_cell[name='document_summary']:contains('${SUMMARY}'), .o_kanban_record:contains('${SUMMARY}')`,
            run: "click",
        },
        {
            content: "Hand the work to an officer",
            trigger: ".o_form_view .o_form_statusbar button[name='action_delegate']",
            run: "click",
        },
        {
            content: "The lead officer's line is ready, due with the unit",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row .o_data_cell[name='user_id']",
            run: "click",
        },
        {
            content: "Only the unit's staff are offered",
            trigger: ".modal .o_data_row div[name='user_id'] input",
            run: "edit Võ",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Võ Thị Hoa')",
            run: "click",
        },
        {
            content: "Hand over",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The officer shows on the unit's assignment, with her deadline",
            trigger: "body:not(:has(.modal)) .o_idesk_delegation .o_data_row:contains('Võ Thị Hoa')",
        },
    ],
});

registry.category("web_tour.tours").add("idesk_delegation_officer_reports", {
    steps: () => [
        {
            content: "The work handed down is in the officer's assignments",
            trigger: `.o_data_row .o_data_cell[name='document_summary']:contains('${SUMMARY}'), .o_kanban_record:contains('${SUMMARY}')`,
            run: "click",
        },
        {
            content: "Write the result",
            trigger: ".o_form_view div[name='result_note'] textarea",
            run: "edit Đã lập báo cáo quyết toán, dự thảo công văn trả lời kèm theo.",
        },
        {
            content: "Report it to the head",
            trigger: ".o_form_view .o_form_statusbar button[name='action_report_result']",
            run: "click",
        },
        {
            content: "The result is reported and can no longer be changed",
            trigger: ".o_form_view .o_field_widget[name='result_state'] .badge",
        },
        {
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_report_result']))",
        },
    ],
});

registry.category("web_tour.tours").add("idesk_delegation_head_accepts", {
    steps: () => [
        {
            trigger: `.o_data_row .o_data_cell[name='document_summary']:contains('${SUMMARY}'), .o_kanban_record:contains('${SUMMARY}')`,
            run: "click",
        },
        {
            content: "The head reads the officer's result on her row and accepts it",
            trigger: ".o_idesk_delegation .o_data_row:contains('Võ Thị Hoa') button[name='action_accept_result']",
            run: "click",
        },
        {
            content: "The unit's work is done with the officer's result",
            trigger: ".o_form_view .o_field_widget[name='completion_status'] .badge",
        },
        {
            trigger: ".o_form_view div[name='result_note']:contains('Đã lập báo cáo quyết toán')",
        },
    ],
});
