// Small browser helpers called through JS interop. Kept in one file, loaded once by App.razor.
window.tokenDashboard = {
    theme: {
        isDark: () => localStorage.getItem("td-theme") === "dark",
        setDark: (dark) => localStorage.setItem("td-theme", dark ? "dark" : "light"),
    },
};
