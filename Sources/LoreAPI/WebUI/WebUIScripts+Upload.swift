extension WebUIScripts {
    static let upload = #"""
    // The upload view: file picker and drag & drop, two uploads at a time, progress per file,
    // the API's verdict per file (stored, duplicate, or the error code and message).
    import { el, bytes } from './dom.js';
    import { upload, describe } from './api.js';

    const form = document.getElementById('upload-form');
    const input = document.getElementById('upload-files');
    const drop = document.getElementById('upload-drop');
    const tagsInput = document.getElementById('upload-tags');
    const list = document.getElementById('upload-list');

    const PARALLEL = 2;
    const waiting = [];
    let running = 0;

    export function initUpload() {
      form.addEventListener('submit', (event) => event.preventDefault());
      input.addEventListener('change', () => { add(input.files); input.value = ''; });
      for (const type of ['dragenter', 'dragover']) {
        drop.addEventListener(type, (event) => { event.preventDefault(); drop.classList.add('over'); });
      }
      for (const type of ['dragleave', 'drop']) {
        drop.addEventListener(type, (event) => { event.preventDefault(); drop.classList.remove('over'); });
      }
      drop.addEventListener('drop', (event) => add(event.dataTransfer?.files ?? []));
      // A file dropped beside the zone must not make the browser navigate away to it.
      window.addEventListener('dragover', (event) => event.preventDefault());
      window.addEventListener('drop', (event) => event.preventDefault());
    }

    function add(files) {
      for (const file of Array.from(files)) {
        const entry = {
          file,
          tags: tagsInput.value.trim(),
          progress: el('progress', { max: '1', value: '0', 'aria-label': `Upload progress of ${file.name}` }),
          result: el('span', { class: 'result', 'aria-live': 'polite' }, `Waiting (${bytes(file.size)})`),
          cancel: el('button', { type: 'button', class: 'secondary' }, 'Cancel'),
          abort: null,
        };
        entry.cancel.addEventListener('click', () => cancel(entry));
        list.prepend(el('li', { class: 'upload' }, el('span', { class: 'name' }, file.name), entry.cancel, entry.progress, entry.result));
        waiting.push(entry);
      }
      pump();
    }

    function cancel(entry) {
      const index = waiting.indexOf(entry);
      if (index >= 0) {
        waiting.splice(index, 1);
        finish(entry, 'Cancelled.', 'error');
      } else {
        entry.abort?.();
      }
    }

    function finish(entry, message, tone) {
      entry.result.textContent = message;
      entry.result.className = `result ${tone}`;
      entry.cancel.remove();
    }

    function pump() {
      while (running < PARALLEL && waiting.length > 0) send(waiting.shift());
    }

    async function send(entry) {
      running += 1;
      const { file } = entry;
      entry.result.textContent = `Uploading… 0% of ${bytes(file.size)}`;
      const request = upload(file, entry.tags, (loaded, total) => {
        entry.progress.value = total > 0 ? loaded / total : 0;
        entry.result.textContent = loaded < total
          ? `Uploading… ${Math.floor((100 * loaded) / total)}% of ${bytes(total)}`
          : 'Uploaded; the server is checking the file…';
      });
      entry.abort = request.abort;
      try {
        const { status, body } = await request.done;
        entry.progress.value = 1;
        const media = body?.media ?? {};
        if (body?.duplicate) {
          finish(entry, `Duplicate: identical content is already in the library as "${media.title}"; nothing new was stored.`, 'ok');
        } else {
          finish(entry, `Stored as ${media.kind ?? 'media'} (HTTP ${status}); processing is queued — see the Library.`, 'ok');
        }
      } catch (error) {
        finish(entry, error.code === 'cancelled' ? 'Cancelled.' : `Rejected: ${describe(error)}`, 'error');
      } finally {
        running -= 1;
        pump();
      }
    }
    """#
}
