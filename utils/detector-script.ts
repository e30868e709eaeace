// Where the built detector script lives: the background injects it into each http(s)
// page after the page's load event (a manifest content script would run before load and
// slow every page down; measured in BENCHMARKS.md).

/** The built file of entrypoints/content (WXT: content-scripts/<name>.js). */
export const DETECTOR_SCRIPT_PATH = '/content-scripts/content.js';

/** Set in the content scripts' world while the detector runs there (injected once per document). */
export const DETECTOR_FLAG = '__undercurrentDetector';

/** Pages the detector may read: web pages only (no extension, file or browser pages). */
export function isReadableUrl(url: string | undefined): boolean {
  return !!url && /^https?:\/\//.test(url);
}
