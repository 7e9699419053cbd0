// The "print" button on the printable day list (pages work without it: the browser's
// own print command does the same).
for (const button of document.querySelectorAll(".print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
