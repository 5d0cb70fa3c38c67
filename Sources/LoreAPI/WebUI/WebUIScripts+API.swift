extension WebUIScripts {
    static let api = #"""
    // Talking to the Lore API with the signed-in user's key.

    const STORAGE_KEY = 'lore.apiKey';

    export const session = {
      get key() { return localStorage.getItem(STORAGE_KEY); },
      signIn(key) { localStorage.setItem(STORAGE_KEY, key); },
      signOut() { localStorage.removeItem(STORAGE_KEY); tokens.clear(); },
    };

    export class APIError extends Error {
      constructor(status, code, message, requestID) {
        super(message);
        this.status = status;      // 0: no response (network)
        this.code = code;
        this.requestID = requestID;
      }
    }

    function errorFrom(status, body) {
      const error = body && body.error;
      return new APIError(status, error?.code ?? `http_${status}`, error?.message ?? `the server answered HTTP ${status}`,
                          error?.request_id);
    }

    const networkError = () => new APIError(0, 'network_error',
      'Lore could not be reached. Check that the server is running and your network connection.');

    /** Calls the API; resolves to the decoded JSON (null for 204), rejects with APIError. */
    export async function call(method, path, body) {
      const headers = { 'Authorization': `Bearer ${session.key ?? ''}`, 'Accept': 'application/json' };
      const init = { method, headers, cache: 'no-store', credentials: 'omit' };
      if (body !== undefined) { headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
      let response;
      try { response = await fetch(path, init); } catch { throw networkError(); }
      if (response.status === 204) return null;
      let json = null;
      try { json = await response.json(); } catch { /* not JSON */ }
      if (!response.ok) throw errorFrom(response.status, json);
      return json;
    }

    /** One sentence a person can act on. */
    export function describe(error) {
      if (!(error instanceof APIError)) return `Something went wrong: ${error?.message ?? error}`;
      const id = error.requestID ? ` (request ${error.requestID})` : '';
      switch (error.status) {
        case 0: return error.message;
        case 401: return `Not authorised: ${error.message}. Sign out and sign in with a valid API key.${id}`;
        case 403: return `Your API key's role does not allow this: ${error.message}${id}`;
        default: return `${error.message} [${error.code}, HTTP ${error.status}]${id}`;
      }
    }

    /**
     * Uploads one file as multipart/form-data with progress. Returns {abort, done}; done
     * resolves to {status, body} for any HTTP answer and rejects with APIError when there is none.
     */
    export function upload(file, tags, onProgress) {
      const xhr = new XMLHttpRequest();
      const done = new Promise((resolve, reject) => {
        xhr.open('POST', '/v1/media');
        xhr.setRequestHeader('Authorization', `Bearer ${session.key ?? ''}`);
        xhr.responseType = 'text';
        xhr.upload.addEventListener('progress', (event) => {
          if (event.lengthComputable) onProgress(event.loaded, event.total);
        });
        xhr.addEventListener('load', () => {
          let body = null;
          try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
          if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body });
          else reject(errorFrom(xhr.status, body));
        });
        // The server may close the connection while the file is still being sent (size limit).
        xhr.addEventListener('error', () => reject(new APIError(0, 'network_error',
          'The connection closed during the upload (is the file over the size limit, or the server down?)')));
        xhr.addEventListener('abort', () => reject(new APIError(0, 'cancelled', 'Cancelled')));
        const form = new FormData();
        form.append('title', file.name.replace(/\.[^.]+$/, '') || file.name);
        if (tags) form.append('tags', tags);
        form.append('file', file, file.name);
        xhr.send(form);
      });
      return { abort: () => xhr.abort(), done };
    }

    // Media access tokens: <video>, <img> and PDF tabs cannot send the Authorization header,
    // so they use a short-lived read-only token for one item (?access_token=), kept here per item.
    const tokens = new Map();

    async function tokenFor(mediaID, fresh = false) {
      const cached = tokens.get(mediaID);
      if (!fresh && cached && cached.expires - Date.now() > 60_000) return cached.token;
      const body = await call('POST', `/v1/media/${encodeURIComponent(mediaID)}/access-token`);
      tokens.set(mediaID, { token: body.token, expires: Date.parse(body.expires_at) });
      return body.token;
    }

    /**
     * An API URL of one item (content or thumbnail, optionally with a #fragment) usable without
     * headers: adds the item's access token and, for content, asks to view it inline.
     */
    export async function mediaURL(mediaID, apiURL, { fresh = false } = {}) {
      if (!String(apiURL).startsWith(`/v1/media/${mediaID}/`)) throw new Error(`unexpected media URL ${apiURL}`);
      const token = await tokenFor(mediaID, fresh);
      const hash = apiURL.indexOf('#');
      const base = hash >= 0 ? apiURL.slice(0, hash) : apiURL;
      const fragment = hash >= 0 ? apiURL.slice(hash) : '';
      const extra = new URLSearchParams({ access_token: token });
      if (/\/content$/.test(base.split('?')[0])) extra.set('disposition', 'inline');
      return `${base}${base.includes('?') ? '&' : '?'}${extra}${fragment}`;
    }

    /**
     * Opens an item's content in a new tab (a PDF at #page=N, a picture, a download). The tab is
     * opened before the token is fetched so pop-up blockers see it as the click's doing.
     */
    export async function openInTab(mediaID, apiURL) {
      const tab = window.open('about:blank', '_blank');
      try {
        const url = new URL(await mediaURL(mediaID, apiURL), window.location.href).href;
        if (!tab) throw new Error('The browser blocked the new tab; allow pop-ups for this page.');
        tab.opener = null;
        tab.location.replace(url);
      } catch (error) {
        tab?.close();
        throw error;
      }
    }
    """#
}
