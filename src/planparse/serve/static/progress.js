// Reload the batch page every two seconds while the job runs (no inline script: the CSP forbids it).
setTimeout(function () { window.location.reload(); }, 2000);
