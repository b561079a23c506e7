/* Redaction editor enhancements (the forms work without this file):
   - selecting text in an original fills the "by position" form of that field;
   - dragging on a photo fills the box form in percent. */
(function () {
  "use strict";

  function offsetIn(container, node, offset) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var total = 0;
    while (walker.nextNode()) {
      if (walker.currentNode === node) { return total + offset; }
      total += walker.currentNode.nodeValue.length;
    }
    return null;
  }

  document.querySelectorAll(".redact-text.original").forEach(function (box) {
    box.addEventListener("mouseup", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      var range = sel.getRangeAt(0);
      if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) { return; }
      var start = offsetIn(box, range.startContainer, range.startOffset);
      var end = offsetIn(box, range.endContainer, range.endOffset);
      if (start === null || end === null || end <= start) { return; }
      var form = document.querySelector('.span-form[data-field="' + box.dataset.field + '"]');
      if (!form) { return; }
      form.querySelector(".span-start").value = start;
      form.querySelector(".span-end").value = end;
      var details = form.closest("details");
      if (details) { details.open = true; }
    });
  });

  var svg = document.querySelector(".photo-marker");
  var form = document.querySelector(".box-form");
  if (!svg || !form) { return; }
  var drag = svg.querySelector(".drag-box");
  var origin = null;

  function percent(event) {
    var r = svg.getBoundingClientRect();
    var x = Math.min(Math.max((event.clientX - r.left) / r.width, 0), 1) * 100;
    var y = Math.min(Math.max((event.clientY - r.top) / r.height, 0), 1) * 100;
    return { x: x, y: y };
  }

  function show(a, b) {
    var vb = svg.viewBox.baseVal;
    var left = Math.min(a.x, b.x), top = Math.min(a.y, b.y);
    var w = Math.abs(a.x - b.x), h = Math.abs(a.y - b.y);
    drag.setAttribute("x", left);
    drag.setAttribute("y", top * vb.height / 100);
    drag.setAttribute("width", w);
    drag.setAttribute("height", h * vb.height / 100);
    form.querySelector(".box-x").value = left.toFixed(1);
    form.querySelector(".box-y").value = top.toFixed(1);
    form.querySelector(".box-w").value = Math.max(w, 0.1).toFixed(1);
    form.querySelector(".box-h").value = Math.max(h, 0.1).toFixed(1);
  }

  svg.addEventListener("pointerdown", function (event) {
    origin = percent(event);
    svg.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  svg.addEventListener("pointermove", function (event) {
    if (origin) { show(origin, percent(event)); }
  });
  svg.addEventListener("pointerup", function (event) {
    if (origin) { show(origin, percent(event)); origin = null; }
  });
})();
