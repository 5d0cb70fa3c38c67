extension WebUIScripts {
    static let library = #"""
    // The library view: media items with their processing stages, details, delete;
    // refreshes itself while items are still being processed.
    import { el, clear, bytes, when, clock } from './dom.js';
    import { call, openInTab } from './api.js';

    const list = document.getElementById('library-items');
    const statusLine = document.getElementById('library-status');
    const moreButton = document.getElementById('library-more');
    const refreshButton = document.getElementById('library-refresh');
    const detailBox = document.getElementById('library-detail');

    const FINISHED = new Set(['ready', 'partial', 'failed']);
    let onError = () => {};
    let items = [];          // media bodies in list order
    let cursor = null;
    const details = new Map();   // id → detail body (stages, chunks)
    let openID = null;
    let timer = null;
    let delay = 3000;
    let active = false;

    export function initLibrary(options) {
      onError = options.onError;
      refreshButton.addEventListener('click', () => reload());
      moreButton.addEventListener('click', () => loadMore());
    }

    export function showLibrary() { active = true; reload(); }

    export function hideLibrary() { active = false; stopTimer(); }

    export function resetLibrary() {
      hideLibrary();
      items = []; cursor = null; details.clear(); openID = null;
      clear(list); clear(detailBox); detailBox.hidden = true;
      statusLine.textContent = ''; moreButton.hidden = true;
    }

    function stopTimer() { if (timer) { clearTimeout(timer); timer = null; } }

    async function reload() {
      stopTimer();
      delay = 3000;
      statusLine.textContent = 'Loading…';
      try {
        const page = await call('GET', '/v1/media?limit=50');
        items = page.items;
        cursor = page.next_cursor ?? null;
        clear(list);
        for (const media of items) list.append(row(media));
        moreButton.hidden = !cursor;
        summarise();
        await loadDetails(items);
        schedule();
      } catch (error) {
        statusLine.textContent = '';
        onError(error);
      }
    }

    async function loadMore() {
      if (!cursor) return;
      moreButton.disabled = true;
      try {
        const page = await call('GET', `/v1/media?limit=50&cursor=${encodeURIComponent(cursor)}`);
        items = items.concat(page.items);
        cursor = page.next_cursor ?? null;
        for (const media of page.items) list.append(row(media));
        moreButton.hidden = !cursor;
        summarise();
        await loadDetails(page.items);
        schedule();
      } catch (error) {
        onError(error);
      } finally {
        moreButton.disabled = false;
      }
    }

    function summarise() {
      const busy = items.filter((media) => !FINISHED.has(media.status)).length;
      statusLine.textContent = items.length === 0 ? 'Nothing uploaded yet.'
        : `${items.length}${cursor ? '+' : ''} item${items.length === 1 ? '' : 's'}` + (busy ? `, ${busy} processing (refreshing automatically)` : '');
    }

    /** Stage statuses are in each item's detail: fetched four at a time. */
    async function loadDetails(batch) {
      const queue = batch.map((media) => media.id);
      const worker = async () => { while (queue.length > 0) await refreshItem(queue.shift()); };
      await Promise.all([worker(), worker(), worker(), worker()]);
    }

    async function refreshItem(id) {
      let detail;
      try {
        detail = await call('GET', `/v1/media/${encodeURIComponent(id)}`);
      } catch (error) {
        if (error.status === 404) { forget(id); return; }
        throw error;
      }
      details.set(id, detail);
      const index = items.findIndex((media) => media.id === id);
      if (index >= 0) items[index] = detail.media;
      list.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.replaceWith(row(detail.media));
      if (openID === id) renderDetail(detail);
    }

    function forget(id) {
      items = items.filter((media) => media.id !== id);
      details.delete(id);
      list.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.remove();
      if (openID === id) closeDetail();
      summarise();
    }

    function schedule() {
      stopTimer();
      const busy = items.filter((media) => !FINISHED.has(media.status));
      summarise();
      if (!active || busy.length === 0) return;
      timer = setTimeout(async () => {
        timer = null;
        if (!active) return;
        try {
          if (!document.hidden) await loadDetails(busy);
        } catch (error) {
          onError(error);
          return;   // no polling on after an error; Refresh starts again
        }
        delay = Math.min(delay * 1.5, 20000);   // queued with no worker running: ask less and less often
        schedule();
      }, delay);
    }

    function tone(status) { return `badge s-${String(status).replace(/[^a-z_-]/g, '')}`; }

    function row(media) {
      const detail = details.get(media.id);
      return el('li', { class: 'item', 'data-id': media.id },
        el('button', { type: 'button', class: 'linkish', onclick: () => openDetail(media.id) }, media.title || media.filename || media.id),
        el('div', { class: 'meta' },
          el('span', { class: 'badge' }, media.kind),
          el('span', { class: tone(media.status) }, media.status),
          el('span', {}, bytes(media.size_bytes)),
          media.duration_seconds ? el('span', {}, clock(media.duration_seconds)) : null,
          el('span', {}, when(media.created_at))),
        detail && detail.stages.length > 0
          ? el('div', { class: 'stages', 'aria-label': 'Processing stages' },
              detail.stages.map((stage) => el('span', { class: tone(stage.status), title: stage.error_message ?? null },
                `${stage.stage}: ${stage.status}`)))
          : null);
    }

    async function openDetail(id) {
      openID = id;
      try {
        await refreshItem(id);
        detailBox.hidden = false;
        detailBox.focus();
      } catch (error) {
        onError(error);
      }
    }

    function closeDetail() {
      const id = openID;
      openID = null;
      detailBox.hidden = true;
      clear(detailBox);
      if (id) list.querySelector(`li[data-id="${CSS.escape(id)}"] button`)?.focus();
    }

    function seconds(ms) { return typeof ms === 'number' ? `${(ms / 1000).toFixed(1)} s` : ''; }

    function renderDetail(detail) {
      const media = detail.media;
      const chunks = Object.entries(detail.chunks ?? {}).map(([stage, count]) => `${stage}: ${count}`).join(', ') || 'none';
      const facts = [
        ['Id', media.id], ['Kind', media.kind], ['Status', media.status], ['File name', media.filename ?? ''],
        ['Content type', media.content_type ?? ''], ['Size', bytes(media.size_bytes)],
        ['Duration', media.duration_seconds ? clock(media.duration_seconds) : ''], ['Language', media.language ?? detail.transcript_language ?? ''],
        ['Tags', (media.tags ?? []).join(', ')], ['Created', when(media.created_at)], ['Updated', when(media.updated_at)],
        ['Chunks', chunks], ['Frames', String(detail.frames ?? 0)],
        ['Transcript segments', detail.transcript_segments == null ? '' : String(detail.transcript_segments)],
        ['Duplicates', (detail.duplicates ?? []).join(', ')],
      ].filter(([, value]) => value !== '');

      const stageRows = detail.stages.map((stage) => el('tr', {},
        el('td', {}, stage.stage),
        el('td', {}, el('span', { class: tone(stage.status) }, stage.status)),
        el('td', {}, String(stage.attempts)),
        el('td', {}, when(stage.started_at)),
        el('td', {}, when(stage.finished_at)),
        el('td', {}, seconds(stage.duration_ms)),
        el('td', { class: stage.error_code ? 'error-text' : null },
          stage.error_code ? `${stage.error_code}: ${stage.error_message ?? ''}` : '')));

      clear(detailBox).append(
        el('div', { class: 'toolbar' },
          el('h3', {}, media.title || media.id),
          el('button', { type: 'button', class: 'secondary', onclick: () => closeDetail() }, 'Close')),
        el('dl', {}, facts.map(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
        el('h4', {}, 'Processing stages'),
        detail.stages.length === 0 ? el('p', { class: 'hint' }, 'No stage has run yet.')
          : el('div', { class: 'table-wrap' }, el('table', {},
              el('thead', {}, el('tr', {}, ['Stage', 'Status', 'Attempts', 'Started', 'Finished', 'Took', 'Error'].map((h) => el('th', { scope: 'col' }, h)))),
              el('tbody', {}, stageRows))),
        el('div', { class: 'actions' },
          el('button', { type: 'button', onclick: () => openInTab(media.id, `/v1/media/${media.id}/content`).catch(onError) }, 'Open original'),
          el('button', { type: 'button', class: 'danger', onclick: () => remove(media) }, 'Delete…')));
    }

    async function remove(media) {
      if (!window.confirm(`Delete "${media.title}" and everything derived from it (transcript, chunks, frames)? This cannot be undone.`)) return;
      try {
        await call('DELETE', `/v1/media/${encodeURIComponent(media.id)}`);
        forget(media.id);
        statusLine.textContent = `Deleted "${media.title}". ` + statusLine.textContent;
      } catch (error) {
        if (error.status === 404) forget(media.id);
        onError(error);
      }
    }
    """#
}
