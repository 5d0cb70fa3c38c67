extension WebUIScripts {
    static let app = #"""
    // Start-up: sign-in and sign-out, the organisation name, errors, switching views (#search,
    // #library, #upload in the address, so the back button and bookmarks work).
    import { session, call, describe } from './api.js';
    import { initSearch, resetSearch } from './search.js';
    import { initLibrary, showLibrary, hideLibrary, resetLibrary } from './library.js';
    import { initUpload } from './upload.js';

    const byID = (id) => document.getElementById(id);
    const VIEWS = ['search', 'library', 'upload'];

    function showError(error) {
      byID('alert-text').textContent = describe(error);
      byID('alert').hidden = false;
    }

    function hideError() { byID('alert').hidden = true; }

    function show(view) {
      for (const name of ['signin', ...VIEWS]) byID(`view-${name}`).hidden = name !== view;
      for (const tab of document.querySelectorAll('#tabs a')) {
        if (tab.dataset.view === view) tab.setAttribute('aria-current', 'page');
        else tab.removeAttribute('aria-current');
      }
      if (view === 'library') showLibrary(); else hideLibrary();
    }

    function route() {
      if (!session.key) { show('signin'); return; }
      const view = window.location.hash.slice(1);
      show(VIEWS.includes(view) ? view : 'search');
    }

    /** Checks the stored key by reading the organisation, then shows the views. */
    async function enter() {
      const body = await call('GET', '/v1/org');
      byID('org-name').textContent = body.organization.name;
      byID('tabs').hidden = false;
      byID('sign-out').hidden = false;
      route();
    }

    function signOut() {
      session.signOut();
      resetSearch();
      resetLibrary();
      hideError();
      byID('org-name').textContent = '';
      byID('tabs').hidden = true;
      byID('sign-out').hidden = true;
      show('signin');
      byID('signin-key').focus();
    }

    byID('signin-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      hideError();
      const key = byID('signin-key').value.trim();
      if (!key) return;
      session.signIn(key);
      try {
        await enter();
        byID('signin-key').value = '';
        if (!byID('view-search').hidden) byID('search-query').focus();
      } catch (error) {
        session.signOut();
        show('signin');
        showError(error);
      }
    });

    byID('sign-out').addEventListener('click', () => signOut());
    byID('alert-close').addEventListener('click', () => hideError());
    window.addEventListener('hashchange', () => { if (session.key) route(); });

    initSearch({ onError: showError });
    initLibrary({ onError: showError });
    initUpload();

    if (session.key) {
      enter().catch((error) => {
        if (error.status === 401) { signOut(); showError(error); }
        else { showError(error); route(); }
      });
    } else {
      show('signin');
    }
    """#
}
