/// The web UI's JavaScript, one ES module per job (served as `/ui/<name>.js`):
///
/// - `dom.js`: building elements (text only ever goes in as text nodes — no `innerHTML`
///   anywhere), the `<mark>`-only snippet renderer, formatting of times, sizes and dates;
/// - `api.js`: the stored API key, JSON calls with it, error messages, uploads with progress,
///   media access tokens for players, thumbnails and PDF links;
/// - `search.js`, `library.js`, `upload.js`: the three views;
/// - `app.js`: sign-in and sign-out, the organisation name, switching views.
///
/// The XSS rule, kept simple so it can be reviewed at a glance: server and user text is only
/// ever inserted with `document.createTextNode` / `textContent` (via `el`), and the one place
/// markup is honoured, `highlighted`, splits the snippet on the exact strings `<mark>` and
/// `</mark>` and creates those elements itself.
enum WebUIScripts {}
