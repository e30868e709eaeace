// Where the built UI content script lives, for the background to inject into AI tabs only
// (browser.scripting.executeScript({ target: { tabId }, files: [UI_SCRIPT_PATH] })).

/** The built file of entrypoints/ui.content (WXT: content-scripts/<name>.js). Its CSS is fetched by the script itself. */
export const UI_SCRIPT_PATH = '/content-scripts/ui.js';

/** Set in the content scripts' world while the UI script runs there (injected once per document). */
export const UI_FLAG = '__undercurrentUi';
