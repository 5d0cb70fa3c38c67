extension WebUIScripts {
    static let search = #"""
    // The search view: query, mode and kind; results with where they point; players; paging.
    import { el, clear, highlighted, place, clock } from './dom.js';
    import { call, mediaURL, openInTab } from './api.js';

    const form = document.getElementById('search-form');
    const queryInput = document.getElementById('search-query');
    const modeSelect = document.getElementById('search-mode');
    const kindSelect = document.getElementById('search-kind');
    const statusLine = document.getElementById('search-status');
    const results = document.getElementById('search-results');
    const moreButton = document.getElementById('search-more');

    let onError = () => {};
    let current = null;   // { body, cursor, count }
    let player = null;    // { box, media }

    export function initSearch(options) {
      onError = options.onError;
      form.addEventListener('submit', (event) => { event.preventDefault(); start(); });
      moreButton.addEventListener('click', () => nextPage());
    }

    export function resetSearch() {
      closePlayer();
      current = null;
      clear(results);
      statusLine.textContent = '';
      moreButton.hidden = true;
      form.reset();
    }

    function start() {
      const query = queryInput.value.trim();
      if (!query) return;
      const body = { query, mode: modeSelect.value, limit: 10 };
      if (kindSelect.value) body.filters = { kinds: [kindSelect.value] };
      closePlayer();
      clear(results);
      current = { body, cursor: null, count: 0 };
      nextPage();
    }

    async function nextPage() {
      const search = current;
      if (!search) return;
      moreButton.disabled = true;
      statusLine.textContent = 'Searching…';
      try {
        const response = await call('POST', '/v1/search', search.cursor ? { ...search.body, cursor: search.cursor } : search.body);
        if (search !== current) return;   // a newer search started meanwhile
        for (const hit of response.hits) results.append(renderHit(hit));
        search.count += response.hits.length;
        search.cursor = response.next_cursor ?? null;
        moreButton.hidden = !search.cursor;
        statusLine.textContent = search.count === 0 ? 'No results.'
          : `${search.count} result${search.count === 1 ? '' : 's'}${search.cursor ? ' so far' : ''} (${response.mode}, ${Math.round(response.took_ms)} ms)`;
      } catch (error) {
        statusLine.textContent = '';
        onError(error);
      } finally {
        moreButton.disabled = false;
      }
    }

    function isRecording(hit) { return hit.media_kind === 'video' || hit.media_kind === 'audio'; }

    function renderHit(hit) {
      const link = hit.link ?? {};
      const where = place(link);
      const speakers = Array.isArray(hit.speakers) && hit.speakers.length > 0
        ? el('span', {}, `${hit.speakers.length === 1 ? 'Speaker' : 'Speakers'}: ${hit.speakers.join(', ')}`) : null;
      const item = el('li', { class: 'hit' },
        el('h3', {}, hit.title || '(untitled)'),
        el('div', { class: 'meta' },
          el('span', { class: 'badge' }, hit.media_kind),
          hit.content_kind ? el('span', {}, hit.content_kind) : null,
          where ? el('span', {}, where) : null,
          speakers),
        el('p', { class: 'snippet' }, highlighted(hit.snippet)));

      if (link.thumbnail_url) {
        const image = el('img', { class: 'thumb', alt: `${where || 'Picture'} of ${hit.title}`, loading: 'lazy' });
        mediaURL(hit.media_id, link.thumbnail_url).then((url) => { image.src = url; }, () => image.remove());
        item.append(image);
      }

      const actions = el('div', { class: 'actions' });
      if (isRecording(hit) && link.kind !== 'page') {
        const at = link.start ?? link.frame_time ?? 0;
        actions.append(el('button', { type: 'button', onclick: () => openPlayer(item, hit, at) }, `▶ Play from ${clock(at)}`));
      } else {
        const label = link.kind === 'page' ? `Open page ${link.page}` : 'Open';
        actions.append(el('button', { type: 'button', onclick: () => openInTab(hit.media_id, link.content_url).catch(onError) }, label));
      }
      if (link.content_url) {
        actions.append(el('span', { class: 'hint' }, 'Deep link: ', el('code', {}, link.content_url)));
      }
      item.append(actions);
      return item;
    }

    function closePlayer() {
      if (!player) return;
      player.media.pause();
      player.media.removeAttribute('src');
      player.media.load();
      player.box.remove();
      player = null;
    }

    async function openPlayer(item, hit, at) {
      closePlayer();
      const media = el(hit.media_kind === 'audio' ? 'audio' : 'video', { controls: true, preload: 'metadata' });
      const box = el('div', { class: 'player' }, media,
        el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', onclick: () => closePlayer() }, 'Close player')));
      item.append(box);
      const mine = { box, media };
      player = mine;
      const content = `/v1/media/${hit.media_id}/content`;
      let retried = false;

      const load = async (fresh, position) => {
        const url = await mediaURL(hit.media_id, content, { fresh });
        if (player !== mine) return;
        media.addEventListener('loadedmetadata', () => {
          media.currentTime = Math.min(position, isFinite(media.duration) ? media.duration : position);
          media.play().catch(() => { /* autoplay refused: the controls are there */ });
        }, { once: true });
        media.src = url;
      };
      media.addEventListener('playing', () => { retried = false; });
      media.addEventListener('error', () => {
        if (player !== mine || !media.getAttribute('src')) return;
        // The access token may have expired during a long session: fetch a new one once.
        if (!retried) {
          retried = true;
          load(true, media.currentTime || at).catch(onError);
          return;
        }
        onError(new Error('This recording cannot be played here (a format the browser does not play, or access expired).'));
      });
      try {
        await load(false, at);
        media.focus();
      } catch (error) {
        onError(error);
      }
    }
    """#
}
