// Booking forms on a shared computer: going Back, the browser brings the form back with
// what the last person typed in it (from its page cache, or by restoring the fields).
// Then the typed details are cleared (choices back at data-default), so the next person
// sees an empty form. The form key stays: the same person sending the same details again
// still finds their booking, and anyone else's details make the server answer with a
// fresh form.
window.addEventListener("pageshow", (event) => {
  const [navigation] = performance.getEntriesByType("navigation");
  if (!event.persisted && navigation?.type !== "back_forward") return;
  for (const form of document.querySelectorAll("form.booking-form")) {
    for (const field of form.querySelectorAll("input, textarea, select")) {
      if (field.type === "hidden" || field.type === "submit") continue;
      if (field.type === "checkbox" || field.type === "radio") field.checked = field.hasAttribute("data-default");
      else if (field.tagName === "SELECT") field.selectedIndex = Math.max(0, [...field.options].findIndex((option) => option.defaultSelected));
      else field.value = "";
    }
  }
});
