/// The web UI's one stylesheet: system fonts, a single column that works down to phone width,
/// visible keyboard focus, light and dark colours.
enum WebUIStyle {
    static let css = #"""
    :root {
      --bg: #f6f7f9; --fg: #1c2430; --muted: #5b6675; --card: #fff; --line: #d8dde4;
      --accent: #2f5d8a; --accent-fg: #fff; --danger: #b3261e; --ok: #1e7a3c; --warn: #8a5a00;
      --mark: #ffe58a; --focus: #1a73e8;
      color-scheme: light dark;
    }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #14181d; --fg: #e4e8ee; --muted: #9aa5b4; --card: #1d232b; --line: #333c47;
              --accent: #6ea8dc; --accent-fg: #0d1b29; --danger: #ff8a80; --ok: #7fd49a; --warn: #f0c05a;
              --mark: #6b5a12; --focus: #8ab4f8; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
    main { max-width: 960px; margin: 0 auto; padding: 1rem; }
    h1, h2, h3 { line-height: 1.2; }
    h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; overflow-wrap: anywhere; }
    a { color: var(--accent); }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

    .bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1rem;
           background: var(--card); border-bottom: 1px solid var(--line); }
    .brand { font-size: 1.2rem; margin: 0; }
    .org { color: var(--muted); }
    .tabs { display: flex; gap: .25rem; flex-wrap: wrap; margin-left: auto; }
    .tabs a { padding: .35rem .7rem; border-radius: 6px; text-decoration: none; color: var(--fg); }
    .tabs a[aria-current="page"] { background: var(--accent); color: var(--accent-fg); }
    #sign-out { margin-left: .25rem; }

    .alert { max-width: 960px; margin: .75rem auto 0; padding: .6rem 1rem; border: 1px solid var(--danger);
             border-radius: 8px; color: var(--danger); background: var(--card); display: flex; gap: 1rem;
             align-items: center; justify-content: space-between; flex-wrap: wrap; }
    .alert[hidden] { display: none; }
    .alert p { margin: 0; }

    .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; }
    .narrow { max-width: 30rem; margin: 2rem auto; display: grid; gap: .5rem; }
    .hint, .status { color: var(--muted); font-size: .9rem; }
    .status:empty { display: none; }
    .visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

    label { font-weight: 600; font-size: .9rem; }
    input, select, button, .button { font: inherit; }
    input[type="text"], input[type="search"], input[type="password"], select {
      width: 100%; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
    button, .button { padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent);
                      color: var(--accent-fg); cursor: pointer; display: inline-block; }
    button.secondary { background: transparent; color: var(--accent); }
    button.danger { background: transparent; color: var(--danger); border-color: var(--danger); }
    button:disabled { opacity: .6; cursor: default; }
    .linkish { background: none; border: none; padding: 0; color: var(--accent); text-align: left; font-weight: 600; text-decoration: underline; }

    .searchbar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; margin-bottom: .75rem; }
    .field { display: grid; gap: .2rem; }
    .grow { flex: 1 1 16rem; }

    .results { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
    .hit { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .75rem 1rem; }
    .hit h3 { font-size: 1.05rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
    .meta { display: flex; flex-wrap: wrap; gap: .25rem .75rem; color: var(--muted); font-size: .85rem; }
    .badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; border: 1px solid var(--line); font-size: .8rem; color: var(--fg); }
    .snippet { margin: .5rem 0; overflow-wrap: anywhere; white-space: pre-wrap; }
    mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
    .actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
    .thumb { display: block; max-width: 100%; width: 240px; border-radius: 6px; border: 1px solid var(--line); margin: .25rem 0; }
    .player { margin-top: .5rem; }
    .player video { width: 100%; max-height: 60vh; background: #000; border-radius: 6px; }
    .player audio { width: 100%; }

    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; margin-bottom: .75rem; }
    .toolbar h2 { margin: 0; }
    .items { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
    .item { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; }
    .item .linkish { overflow-wrap: anywhere; }
    .stages { display: flex; flex-wrap: wrap; gap: .25rem; margin-top: .3rem; }
    .s-succeeded, .s-ready { color: var(--ok); border-color: var(--ok); }
    .s-failed { color: var(--danger); border-color: var(--danger); }
    .s-partial, .s-skipped { color: var(--warn); border-color: var(--warn); }
    .s-running, .s-processing, .s-queued, .s-pending, .s-uploaded { color: var(--accent); border-color: var(--accent); }
    .detail { margin-bottom: 1rem; }
    .detail dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
    .detail dt { color: var(--muted); }
    .detail dd { margin: 0; overflow-wrap: anywhere; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    .error-text { color: var(--danger); }

    .drop { border: 2px dashed var(--line); border-radius: 10px; padding: 1.25rem; text-align: center; margin-bottom: .75rem; }
    .drop.over { border-color: var(--accent); background: color-mix(in srgb, var(--accent) 10%, transparent); }
    .uploads { list-style: none; padding: 0; display: grid; gap: .5rem; }
    .upload { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem;
              display: grid; grid-template-columns: 1fr auto; gap: .3rem .75rem; align-items: center; }
    .upload .name { font-weight: 600; overflow-wrap: anywhere; }
    .upload progress { width: 100%; grid-column: 1 / -1; }
    .upload .result { grid-column: 1 / -1; font-size: .9rem; }
    .upload .result.error { color: var(--danger); }
    .upload .result.ok { color: var(--ok); }

    @media (max-width: 560px) {
      main { padding: .6rem; }
      .tabs { margin-left: 0; width: 100%; }
      .searchbar > * { flex: 1 1 100%; }
      .detail dl { grid-template-columns: 1fr; }
    }
    """#
}
