// Follows a running job: polls /api/jobs/ID and reloads the page with its report when done.
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var id = box.getAttribute("data-job");
  // Statuses in the page's language (the API answers with their codes); the worker's notes are
  // English, shown on English pages only.
  var statuses = JSON.parse(box.getAttribute("data-statuses") || "{}");
  var notes = box.getAttribute("data-notes") === "yes";
  function tick() {
    fetch("/api/jobs/" + id, {credentials: "same-origin"}).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (job) {
      if (!job) { return; }
      if (job.finished) { window.location.reload(); return; }
      var percent = job.percent || 0;
      document.getElementById("job-bar").style.width = percent + "%";
      box.querySelector("[role=progressbar]").setAttribute("aria-valuenow", percent);
      var status = document.getElementById("job-status");
      status.textContent = statuses[job.status] || job.status;
      status.className = "status " + job.status;
      if (notes) { document.getElementById("job-message").textContent = job.message || ""; }
      if (job.progress_done) {
        document.getElementById("job-count").textContent = job.progress_total
          ? job.progress_done.toLocaleString() + " / ~" + job.progress_total.toLocaleString()
          : job.progress_done.toLocaleString();
      }
      setTimeout(tick, 1000);
    }).catch(function () { setTimeout(tick, 3000); });
  }
  setTimeout(tick, 500);
})();
