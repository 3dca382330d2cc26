// Flashcard shortcuts: Space shows or hides the answer, 1-4 rate the shown card (Again, Hard, Good, Easy).
// Without JavaScript the <details> and the rating buttons do the same by click or Tab and Enter.
(function () {
  "use strict";

  function typing(target) {
    return target.closest("input, select, textarea, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var card = document.querySelector("[data-flashcard]");
    if (!card) { return; }
    if (event.key === " " && !event.target.closest("button, a, summary")) {
      event.preventDefault();
      card.open = !card.open;
      card.querySelector("summary").focus();
      return;
    }
    if (/^[1-4]$/.test(event.key) && card.open) {
      var button = card.querySelector('button[name="rating"][value="' + event.key + '"]');
      if (button && !button.disabled) {
        event.preventDefault();
        button.click();
      }
    }
  });
})();
