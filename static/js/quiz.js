// The quiz player's progressive enhancement. Without it every control still
// works as a plain form: the move buttons submit a GET that redraws the order.
(function () {
  "use strict";

  function items(list) {
    return Array.prototype.slice.call(list.querySelectorAll(".timeline-item"));
  }

  function announce(list, item) {
    var all = items(list);
    var status = list.parentNode.querySelector("[data-timeline-status]");
    if (status) {
      status.textContent = "\u201c" + item.dataset.label + "\u201d is now at position " +
        (all.indexOf(item) + 1) + " of " + all.length + ".";
    }
  }

  // Moving a focused node can drop its focus; put it back on the same button.
  function move(item, direction, button) {
    var list = item.parentNode;
    if (direction === "up" && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (direction === "down" && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    }
    if (button) { button.focus(); }
    announce(list, item);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-move]");
    if (!button) { return; }
    var item = button.closest(".timeline-item");
    if (!item) { return; }
    event.preventDefault();
    move(item, button.dataset.move, button);
  });

  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest(".timeline-item");
    if (!item) { return; }
    dragged = item;
    item.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.label);
  });
  document.addEventListener("dragover", function (event) {
    var over = event.target.closest && event.target.closest(".timeline-item");
    if (!dragged || !over || over === dragged || over.parentNode !== dragged.parentNode) { return; }
    event.preventDefault();
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextElementSibling : over);
  });
  document.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });
  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("is-dragging");
    announce(dragged.parentNode, dragged);
    dragged = null;
  });

  // After htmx swaps a question or its feedback in, move focus to its heading
  // so keyboard and screen-reader users land on the new content.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "quiz-main") {
      var heading = event.detail.target.querySelector("h1[tabindex='-1']");
      if (heading) { heading.focus(); }
    }
  });
})();

// "Finish early…" is a link to the confirmation page; with JavaScript the same confirmation is fetched into a
// modal <dialog> and opens in place ("Keep answering" closes it instead of leaving the question).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-opens-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.dataset.opensDialog);
      if (dialog && typeof dialog.showModal === "function" && window.htmx) {
        event.preventDefault();
        // The confirmation is the finish page's fragment, fetched now (so it counts the questions left
        // as they are when asked); if the attempt moved on, htmx follows the server's redirect instead.
        htmx.ajax("GET", opener.getAttribute("href"), { target: dialog, swap: "innerHTML" }).then(function () {
          if (!dialog.querySelector("form")) { return; }
          dialog.showModal();
          var keep = dialog.querySelector("a.button");
          if (keep) { keep.focus(); }
        });
      }
      return;
    }
    var keepAnswering = event.target.closest("dialog a.button");
    if (keepAnswering) {
      event.preventDefault();
      keepAnswering.closest("dialog").close();
    }
  });
})();
