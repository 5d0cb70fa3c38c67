/// The one HTML page of the web UI. Every view is in it, hidden until shown by `app.js`; no
/// inline script or style (the Content-Security-Policy forbids both).
enum WebUIPage {
    static let html = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>Lore</title>
    <link rel="icon" href="/ui/icon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/ui/app.css">
    <script type="module" src="/ui/app.js"></script>
    </head>
    <body>
    <header class="bar">
      <h1 class="brand">Lore</h1>
      <span id="org-name" class="org"></span>
      <nav id="tabs" class="tabs" aria-label="Sections" hidden>
        <a href="#search" data-view="search">Search</a>
        <a href="#library" data-view="library">Library</a>
        <a href="#upload" data-view="upload">Upload</a>
      </nav>
      <button id="sign-out" type="button" class="secondary" hidden>Sign out</button>
    </header>

    <div id="alert" class="alert" role="alert" hidden>
      <p id="alert-text"></p>
      <button id="alert-close" type="button" class="secondary" aria-label="Dismiss the message">Dismiss</button>
    </div>

    <main>
      <noscript><p class="alert">The Lore web UI needs JavaScript.</p></noscript>

      <section id="view-signin" class="view" hidden>
        <form id="signin-form" class="card narrow">
          <h2>Sign in</h2>
          <p class="hint">Paste an API key of your organisation (<code>lore org create</code> and
          <code>lore key create</code> print one). It stays in this browser's local storage until you sign out.</p>
          <label for="signin-key">API key</label>
          <input id="signin-key" name="key" type="password" autocomplete="off" spellcheck="false" required>
          <button type="submit">Sign in</button>
        </form>
      </section>

      <section id="view-search" class="view" hidden aria-labelledby="search-heading">
        <h2 id="search-heading" class="visually-hidden">Search</h2>
        <form id="search-form" class="searchbar" role="search">
          <div class="field grow">
            <label for="search-query">Query</label>
            <input id="search-query" name="query" type="search" maxlength="4000" required
                   placeholder="What was said about the budget?">
          </div>
          <div class="field">
            <label for="search-mode">Mode</label>
            <select id="search-mode" name="mode">
              <option value="hybrid" selected>hybrid</option>
              <option value="keyword">keyword</option>
              <option value="vector">vector</option>
            </select>
          </div>
          <div class="field">
            <label for="search-kind">Kind</label>
            <select id="search-kind" name="kind">
              <option value="" selected>all kinds</option>
              <option value="video">video</option>
              <option value="audio">audio</option>
              <option value="document">document</option>
              <option value="image">image</option>
            </select>
          </div>
          <button type="submit">Search</button>
        </form>
        <p id="search-status" class="status" aria-live="polite"></p>
        <ol id="search-results" class="results"></ol>
        <button id="search-more" type="button" class="secondary" hidden>Load more</button>
      </section>

      <section id="view-library" class="view" hidden aria-labelledby="library-heading">
        <div class="toolbar">
          <h2 id="library-heading">Library</h2>
          <button id="library-refresh" type="button" class="secondary">Refresh</button>
          <span id="library-status" class="status" aria-live="polite"></span>
        </div>
        <div id="library-detail" class="card detail" hidden tabindex="-1"></div>
        <ul id="library-items" class="items"></ul>
        <button id="library-more" type="button" class="secondary" hidden>Load more</button>
      </section>

      <section id="view-upload" class="view" hidden aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload</h2>
        <form id="upload-form" class="card">
          <div id="upload-drop" class="drop">
            <p>Drop files here, or</p>
            <label for="upload-files" class="button">Choose files</label>
            <input id="upload-files" name="files" type="file" multiple class="visually-hidden">
            <p class="hint">Video, audio, images and documents (PDF, DOCX, PPTX, TXT, Markdown…). The type is
            detected from the content. Uploads start at once.</p>
          </div>
          <div class="field">
            <label for="upload-tags">Tags for the next uploads (comma-separated, optional)</label>
            <input id="upload-tags" name="tags" type="text" autocomplete="off">
          </div>
        </form>
        <ul id="upload-list" class="uploads"></ul>
      </section>
    </main>
    </body>
    </html>
    """#

    static let icon = #"""
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#2f5d8a"/><path d="M10 7v18h12v-4h-8V7z" fill="#fff"/></svg>
    """#
}
