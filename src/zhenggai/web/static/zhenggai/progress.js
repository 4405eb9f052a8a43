// Progress bars, kept out of the HTML so the Content-Security-Policy can forbid inline script:
// a background job's page polls the job's status; a form that uploads a file shows how much is sent.
"use strict";

(function () {
  function text(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = value;
    return el;
  }

  // <section id="job" data-status="/jobs/…/status/">: ask for the status until the job has finished.
  function pollJob(job) {
    var bar = document.getElementById("job-bar");
    function show(s) {
      var state = text("job-state", s.state_label);
      if (state) state.className = "job-state " + s.state;
      if (s.finished || s.total > 0) {
        bar.value = s.percent;
        text("job-percent", s.percent + "%");
      }
      text("job-step", s.step);
      if (!s.finished) return false;
      if (s.follow && s.url) { window.location.assign(s.url); return true; }
      var message = text("job-message", s.message);
      if (s.state === "failed") { message.className = "error"; message.setAttribute("role", "alert"); }
      var details = document.getElementById("job-details");
      details.textContent = "";
      (s.details || []).forEach(function (line) {
        var li = document.createElement("li");
        li.textContent = line;
        details.appendChild(li);
      });
      var link = document.getElementById("job-link");
      if (s.url) { link.href = s.url; link.textContent = s.url_label; link.hidden = false; }
      document.getElementById("job-result").hidden = false;
      job.dataset.finished = "1";
      return true;
    }
    function tick() {
      fetch(job.dataset.status, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (s) { if (!show(s)) window.setTimeout(tick, 700); })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    if (job.dataset.finished !== "1") tick();
  }

  // A form with a file: send it with XMLHttpRequest to show the upload's progress, then show the answer
  // (the next page, or the same page with its refusal) as the browser would have.
  function uploadWithProgress(form) {
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented || !window.FormData) return;
      var chosen = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (input) {
        return input.files && input.files.length > 0;
      });
      if (!chosen) return;
      event.preventDefault();
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
      var box = form.querySelector(".upload-progress");
      if (!box) {
        box = document.createElement("p");
        box.className = "upload-progress";
        box.innerHTML = '<progress max="100" value="0"></progress> <span>正在上传…</span>';
        form.appendChild(box);
      }
      var bar = box.querySelector("progress");
      var label = box.querySelector("span");
      var buttons = form.querySelectorAll("button, input[type=submit]");
      buttons.forEach(function (b) { b.disabled = true; });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.floor((e.loaded * 100) / e.total);
        bar.value = percent;
        label.textContent = percent < 100 ? "已上传 " + percent + "%" : "已上传，正在处理…";
      });
      xhr.addEventListener("load", function () {
        if (xhr.responseURL) window.history.replaceState(null, "", xhr.responseURL);
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () {
        label.textContent = "上传中断：文件可能超过了本页面的大小上限，或网络中断。请检查后重试。";
        buttons.forEach(function (b) { b.disabled = false; });
      });
      xhr.send(data);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var job = document.getElementById("job");
    if (job && job.dataset.status) pollJob(job);
    document.querySelectorAll('form[enctype="multipart/form-data"]').forEach(uploadWithProgress);
  });
})();
