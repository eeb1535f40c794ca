import { registry } from "@web/core/registry";

// Opened on a 375 px screen at the URL of a list: the action shows cards, and
// nothing on the page is wider than the screen.
registry.category("web_tour.tours").add("idesk_phone_lists_tour", {
    steps: () => [
        {
            content: "The list opens as cards (or its empty help)",
            trigger: ".o_kanban_view .o_kanban_record:not(.o_kanban_ghost), .o_view_nocontent",
            run() {
                if (document.querySelector(".o_list_view")) {
                    throw new Error("A list table is shown on the phone instead of cards");
                }
                const root = document.documentElement;
                if (document.querySelector(".o_kanban_grouped")) {
                    throw new Error("The cards are in columns side by side, wider than the screen");
                }
                const wide = [...document.querySelectorAll(".o_action_manager *")].filter(
                    (element) => element.getBoundingClientRect().right > window.innerWidth + 1
                );
                if (root.scrollWidth > window.innerWidth + 1 || wide.length) {
                    throw new Error(
                        `Wider than the ${window.innerWidth}px screen: page ${root.scrollWidth}px, ` +
                        wide.slice(0, 3).map((element) => element.className).join(" | ")
                    );
                }
            },
        },
    ],
});
