// Small browser helpers called through JS interop. Kept in one file, loaded once by App.razor.
window.tokenDashboard = {
    theme: {
        isDark: () => localStorage.getItem("td-theme") === "dark",
        setDark: (dark) => localStorage.setItem("td-theme", dark ? "dark" : "light"),
    },

    // Copies text; false when the browser refuses (no permission, insecure context), so the caller can fall back
    // to selecting the text and asking for Ctrl+C.
    copy: async (text) => {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    },

    // Focuses the first input inside element once the dialog's focus trap has settled (the trap moves focus to
    // its own fallback element right after opening, which would swallow the first keystrokes).
    // Never steals focus from a field the person already chose.
    focusFirstInput: (element) => {
        setTimeout(() => {
            if (!isTextInput(document.activeElement)) {
                element?.querySelector("input,textarea")?.focus();
            }
        }, 120);
    },

    selectText: (element) => {
        const input = element instanceof HTMLInputElement ? element : element?.querySelector("input,textarea");
        if (input) {
            input.focus();
            input.select();
        } else if (element) {
            // Plain text (a <pre> example): select its contents for Ctrl+C.
            const range = document.createRange();
            range.selectNodeContents(element);
            const selection = getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }
    },

    // Saves text as a file without a round trip to the server (the value never travels in a URL).
    download: (fileName, text, type) => {
        const url = URL.createObjectURL(new Blob([text], { type: type || "text/plain" }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
    },

    // Keyboard shortcuts of the token grid: Ctrl/Cmd+A selects every row (instead of the page's text),
    // Delete starts Remove. Listens on the grid's container only.
    attachGridKeys: (element, dotnet) => {
        const handler = (e) => {
            if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "a" && !isTextInput(e.target)) {
                e.preventDefault();
                dotnet.invokeMethodAsync("SelectAllFromKeyboard");
            } else if (e.key === "Delete" && !isTextInput(e.target)) {
                e.preventDefault();
                dotnet.invokeMethodAsync("RemoveFromKeyboard");
            }
        };
        element.addEventListener("keydown", handler);
        element._tdKeys = handler;
    },

    detachGridKeys: (element) => {
        if (element?._tdKeys) {
            element.removeEventListener("keydown", element._tdKeys);
            delete element._tdKeys;
        }
    },

    // Escape for a dialog that must ask before it closes (the show-once value): wherever the focus is, as long as
    // this dialog is the top one — a question shown over it handles its own Escape.
    attachDialogEscape: (element, dotnet) => {
        const handler = (e) => {
            const containers = document.querySelectorAll(".mud-dialog-container");
            if (e.key !== "Escape" || containers.length === 0 || !containers[containers.length - 1].contains(element)) {
                return;
            }
            e.preventDefault();
            e.stopPropagation();
            dotnet.invokeMethodAsync("EscapePressed");
        };
        document.addEventListener("keydown", handler, true);
        element._tdEscape = handler;
        // Until this runs (a round trip after the dialog shows), Escape does nothing; tests wait for this mark.
        element.setAttribute("data-escape-asks", "");
    },

    detachDialogEscape: (element) => {
        if (element?._tdEscape) {
            document.removeEventListener("keydown", element._tdEscape, true);
            delete element._tdEscape;
            element.removeAttribute("data-escape-asks");
        }
    },
};

function isTextInput(target) {
    return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}
