// What both demo pages share: the JSON POST to this server, and the <output> box every outcome lands
// in (data-status="ok|error", a bold headline, the server's JSON below it).

/** POSTs `body` as JSON to `path`; resolves to the fetch Response. */
export function postJson(path, body) {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Empties `output` and drops its status. */
export function clearResult(output) {
  output.replaceChildren();
  delete output.dataset.status;
}

/** Shows `text` in bold in `output`, then `details` (if given) as indented JSON, and sets its status. */
export function showResult(output, status, text, details) {
  output.replaceChildren();
  const heading = document.createElement('strong');
  heading.textContent = text;
  output.append(heading);
  if (details !== undefined) {
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify(details, null, 2);
    output.append(pre);
  }
  output.dataset.status = status;
}
