/** The card's whole stylesheet, inside its shadow root: the mail page's CSS cannot reach it, and it cannot reach the page. */
export const NUDGE_CSS = `
:host { all: initial; }
.card {
  --bg: #ffffff; --fg: #1f1f1f; --muted: #5f6368; --border: #dadce0; --accent: #0b57d0;
  --accent-fg: #ffffff; --soft: #eef3fd; --soft-hover: #dce6fb; --error: #b3261e; --shadow: rgba(0,0,0,.28);
  box-sizing: border-box; width: 360px; max-width: calc(100vw - 16px); max-height: calc(100vh - 16px);
  overflow: auto; padding: 16px; border-radius: 12px; border: 1px solid var(--border);
  background: var(--bg); color: var(--fg); box-shadow: 0 4px 16px var(--shadow);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; text-align: left;
}
.card[data-theme="dark"] {
  --bg: #2d2e30; --fg: #e8eaed; --muted: #bdc1c6; --border: #5f6368; --accent: #a8c7fa;
  --accent-fg: #062e6f; --soft: #3c4043; --soft-hover: #4a4e52; --error: #f2b8b5; --shadow: rgba(0,0,0,.6);
}
.card:focus { outline: none; }
.brand { margin: 0 0 4px; font-size: 12px; font-weight: 600; color: var(--muted); letter-spacing: .02em; }
.headline { margin: 0 0 6px; font-size: 15px; font-weight: 600; }
.reasons { margin: 0 0 12px; padding: 0; list-style: none; font-size: 12.5px; color: var(--muted); }
.reasons li + li { margin-top: 2px; }
.actions { display: flex; flex-direction: column; gap: 6px; }
.row { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
button {
  font: inherit; cursor: pointer; border-radius: 8px; padding: 7px 12px; text-align: left;
  border: 1px solid var(--border); background: transparent; color: var(--fg);
}
button.suggestion { background: var(--soft); border-color: transparent; font-weight: 500; }
button.suggestion:hover { background: var(--soft-hover); }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
button:disabled { cursor: default; opacity: .55; }
button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.picker { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 4px 0; }
.picker input {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 6px; padding: 5px 6px; color-scheme: light;
}
.card[data-theme="dark"] .picker input { color-scheme: dark; }
.error { width: 100%; margin: 0; font-size: 12.5px; color: var(--error); }
.status { margin: 0 0 8px; }
`;
