// Behaviour for the pages, kept out of the HTML so the Content-Security-Policy can forbid inline script.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // <form data-confirm="…"> and <button data-confirm="…">: ask before a destructive action.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });
  // <button data-print>: print the page (the QR code poster).
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // A report's paragraph numbers fill the review comment form's paragraph field when clicked.
  var line = document.querySelector("#comment-form input[name=line]");
  if (line) {
    document.querySelectorAll(".text .para .ln").forEach(function (number) {
      number.classList.add("pick");
      number.addEventListener("click", function () { line.value = number.parentNode.dataset.line; });
    });
  }
});
