// Follows a running job: polls /jobs/ID/progress (the job's status, note and count written in
// the reader's language by the server) and reloads the page with its report when done.
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var id = box.getAttribute("data-job");
  function tick() {
    fetch("/jobs/" + id + "/progress", {credentials: "same-origin"}).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (job) {
      if (!job) { return; }
      if (job.finished) { window.location.reload(); return; }
      var percent = job.percent || 0;
      document.getElementById("job-bar").style.width = percent + "%";
      box.querySelector("[role=progressbar]").setAttribute("aria-valuenow", percent);
      var status = document.getElementById("job-status");
      status.textContent = job.status_text || job.status;
      status.className = "status " + job.status;
      document.getElementById("job-message").textContent = job.note || "";
      if (job.count) { document.getElementById("job-count").textContent = job.count; }
      setTimeout(tick, 1000);
    }).catch(function () { setTimeout(tick, 3000); });
  }
  setTimeout(tick, 500);
})();
