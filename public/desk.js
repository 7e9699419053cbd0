// The scan field on the day list keeps the focus, so a scanner (which types like a
// keyboard and ends with Enter) can check in one client after another. Without this
// file the field still gets the focus when the list loads (autofocus) and works alike.
(function () {
  "use strict";
  var field = document.querySelector("[data-scan-field]");
  if (!field) return;
  function isTyping(el) {
    return el && el !== document.body && el !== document.documentElement && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.tagName === "BUTTON" || el.tagName === "A" || el.isContentEditable);
  }
  function focusField() {
    if (!isTyping(document.activeElement)) field.focus({ preventScroll: true });
  }
  focusField();
  window.addEventListener("focus", focusField);
  // A scan that starts while nothing has the focus (after a click on the page's text)
  // still lands in the field.
  document.addEventListener("keydown", function (event) {
    if (isTyping(document.activeElement) || event.ctrlKey || event.altKey || event.metaKey || event.key.length !== 1) return;
    field.focus({ preventScroll: true });
  });
})();
