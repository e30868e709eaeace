// The story pages' own layout, on top of the surfaces' stylesheet (components/styles.css):
// a reading column with the figures beside it from 900 px up, one column below; light and
// dark come from the shared colour variables.
export const PAGE_CSS = `
html { background: var(--uc-bg); }
/* Shift words on the page's white need a darker green and red than the bars use (WCAG AA). */
.pg-body { --pg-pos-text: #136b39; --pg-neg-text: #a5321f; }
@media (prefers-color-scheme: dark) { .pg-body { --pg-pos-text: var(--uc-pos); --pg-neg-text: var(--uc-neg); } }
.pg-body .uc-shift-up { color: var(--pg-pos-text); }
.pg-body .uc-shift-down { color: var(--pg-neg-text); }
/* Posts are not obliged to have breakable words. */
.pg-title, .pg-dek, .pg-reason, .uc-story-link, .uc-story-dek, .uc-narrative p, .uc-voice-meta, .pg-notes strong { overflow-wrap: anywhere; }
body.pg-body { margin: 0; min-height: 100vh; font-size: 16px; line-height: 1.55; display: flex; flex-direction: column; }
.pg-body a { text-decoration: underline; text-underline-offset: 2px; text-decoration-thickness: 1px; }
.pg-top, .pg-main, .pg-foot { width: 100%; max-width: 1180px; margin: 0 auto; padding-left: 20px; padding-right: 20px; box-sizing: border-box; }
.pg-top { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; padding-top: 14px; padding-bottom: 12px; border-bottom: 1px solid var(--uc-line); }
.pg-brand { font-size: 13px; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; color: var(--uc-accent); text-decoration: none !important; }
.pg-top nav a { font-size: 14px; }
.pg-main { flex: 1 0 auto; padding-top: 24px; padding-bottom: 40px; }
.pg-head { display: flex; flex-direction: column; gap: 10px; max-width: 50em; }
.pg-kicker { font-size: 14px; color: var(--uc-fg-soft); }
.pg-abs, .pg-kicker time { white-space: nowrap; }
.uc-root .pg-title { font-size: clamp(26px, 3.4vw + 12px, 42px); line-height: 1.14; font-weight: 750; letter-spacing: -0.01em; }
.pg-dek { font-size: clamp(17px, 0.6vw + 14px, 21px); line-height: 1.45; color: var(--uc-fg-soft); }
.pg-importance { font-size: 14px; }
.pg-importance .uc-importance { font-size: 15px; }
.pg-reason { color: var(--uc-fg-soft); }
.pg-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin: 24px 0 0; padding: 14px 0; border-top: 1px solid var(--uc-line); border-bottom: 1px solid var(--uc-line); }
.pg-figures div { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.pg-figures dt { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; color: var(--uc-fg-soft); }
.pg-figures dd { margin: 0; display: flex; flex-direction: column; }
.pg-figures .uc-muted { font-size: 13px; overflow-wrap: anywhere; }
.pg-figure { font-size: 28px; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
.pg-grid { display: grid; grid-template-columns: minmax(0, 1fr); grid-template-areas: "analysis" "figures" "cited"; gap: 32px; margin-top: 28px; }
.pg-analysis { grid-area: analysis; min-width: 0; }
.pg-aside { grid-area: figures; }
.pg-cited { grid-area: cited; min-width: 0; }
/* Wide: the figures beside the reading column; the cited posts take any height left over. */
@media (min-width: 900px) {
  .pg-grid { grid-template-columns: minmax(0, 1fr) 340px; grid-template-rows: auto 1fr; grid-template-areas: "analysis figures" "cited figures"; column-gap: 48px; row-gap: 32px; }
  .pg-aside { align-self: start; }
}
.pg-section { display: flex; flex-direction: column; gap: 12px; }
.uc-root .pg-h2 { font-size: 13px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: var(--uc-fg-soft); }
.pg-analysis .uc-narrative { background: none; padding: 0; gap: 16px; border-radius: 0; }
.pg-analysis .uc-narrative p { font-size: 18px; line-height: 1.65; max-width: 38em; }
.pg-analysis .uc-cite { font-size: 12px; margin-left: 2px; }
.pg-analysis .uc-disclosure { font-size: 14px; border-top: 1px solid var(--uc-line); padding-top: 12px; }
.pg-notes { display: flex; flex-direction: column; gap: 14px; }
.pg-notes li { display: grid; grid-template-columns: 2.6em minmax(0, 1fr); font-size: 15px; line-height: 1.5; }
.pg-notes .uc-muted { font-size: 14px; }
.pg-note-n { color: var(--uc-fg-soft); font-variant-numeric: tabular-nums; }
.pg-note-quote { display: block; margin: 4px 0; overflow-wrap: anywhere; }
.pg-note-link { font-size: 14px; }
.pg-aside { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
.pg-card { display: flex; flex-direction: column; gap: 10px; border: 1px solid var(--uc-line); border-radius: var(--uc-radius); padding: 14px 16px; background: var(--uc-bg); }
.pg-card .uc-spark { height: 56px; }
.pg-card .uc-voice blockquote { font-size: 14px; overflow-wrap: anywhere; }
.pg-card .uc-voice a { font-size: 13px; }
.pg-card .uc-sources li { grid-template-columns: 92px minmax(0, 1fr) 40px 64px; }
.pg-beats ul { display: flex; flex-wrap: wrap; gap: 8px; margin: 20px 0 8px; }
.pg-beats a { display: inline-block; font-size: 14px; padding: 5px 12px; border: 1px solid var(--uc-line); border-radius: 999px; text-decoration: none; color: var(--uc-fg); }
.pg-beats a:hover { border-color: var(--uc-accent); }
.pg-beats a[aria-current="page"] { background: var(--uc-accent); border-color: var(--uc-accent); color: var(--uc-bg); font-weight: 600; }
.pg-index .uc-stories { max-width: 50em; margin-top: 12px; }
.pg-index .uc-stories li { padding: 18px 0; border-bottom: 1px solid var(--uc-line); display: flex; flex-direction: column; gap: 6px; }
.pg-index .uc-story-link { font-size: 21px; font-weight: 700; line-height: 1.25; color: var(--uc-fg); text-decoration: none; }
.pg-index .uc-story-link:hover { text-decoration: underline; }
.pg-index .uc-story-dek { font-size: 16px; color: var(--uc-fg-soft); }
.pg-index .uc-stories .uc-muted { font-size: 14px; }
.pg-empty { margin-top: 20px; color: var(--uc-fg-soft); }
.pg-foot { padding-top: 16px; padding-bottom: 24px; border-top: 1px solid var(--uc-line); font-size: 13px; color: var(--uc-fg-soft); }
@media (max-width: 480px) {
  .pg-top, .pg-main, .pg-foot { padding-left: 14px; padding-right: 14px; }
  .pg-analysis .uc-narrative p { font-size: 17px; }
  .pg-card .uc-sources li { grid-template-columns: 84px minmax(0, 1fr) 36px 56px; }
}
`;
