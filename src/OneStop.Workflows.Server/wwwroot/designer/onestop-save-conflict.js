// OneStop, issue 11 (docs/adr/0014-studio-saves.md, "Revised"): a save on a stale base is answered 409 problem+json, but Elsa
// Studio 3.8.2 shows a refused save's messages only for a 400 (its editor catches the save's error only when the status is 400)
// and drops a 409 without a word. So, for that one answer — POST <remote-endpoint>/workflow-definitions, status 409,
// application/problem+json — the Studio is handed a Response with the same body and headers and status 400; every other
// response passes through untouched. Loaded by the host pages before the Studio boots (its HttpClient calls window.fetch).
// Remove this file and its <script> (Features/Designer/StudioHostPages.cs) with a Studio that shows 409 problems on save.
(() => {
  const save = new URL(document.currentScript.dataset.saveUrl, location.href);
  const original = window.fetch;
  window.fetch = async (input, init) => {
    const response = await original(input, init);
    const request = input instanceof Request ? input : null;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const url = new URL(request ? request.url : String(input), location.href);
    const isStaleSave = response.status === 409 && method === 'POST' && url.origin === save.origin && url.pathname === save.pathname
      && (response.headers.get('content-type') ?? '').toLowerCase().startsWith('application/problem+json');
    return isStaleSave ? new Response(response.body, { status: 400, statusText: 'Bad Request', headers: response.headers }) : response;
  };
})();
