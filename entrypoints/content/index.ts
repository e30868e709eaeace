// The detector: reads the page, decides whether it is about AI and which beat and
// entities, and reports the topic to the background. No UI lives here. The background
// injects it once a page has loaded, and only when its first look (utils/extract/
// first-look.ts, run in the tab) sees a sign of AI, so no page waits for it to load and
// most pages never load it.
// Long pages are read in slices of a few milliseconds so no task blocks the page, and
// the gazetteer arrives from the background only after the cheap prefilter passes.
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../utils/messaging/client';
import { DETECTOR_FLAG } from '../../utils/detector-script';
import { extractPageSliced } from '../../utils/extract';
import { compileDetector, type DetectorData } from '../../utils/detect';
import { analysePage } from '../../utils/detect/analyse';

/** Work per slice before giving the main thread back. */
const SLICE_MS = 8;
/** Single-page apps render the new view a little after the URL changes. */
const SETTLE_MS = 400;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Not in the manifest: injected after load by the background, never before it.
  registration: 'runtime',
  main(ctx) {
    // The background injects once per document; this flag is how it knows.
    (globalThis as Record<string, unknown>)[DETECTOR_FLAG] = true;
    ctx.onInvalidated(() => delete (globalThis as Record<string, unknown>)[DETECTOR_FLAG]);
    let run: AbortController | undefined;
    const start = (delay: number) => {
      run?.abort();
      const controller = (run = new AbortController());
      ctx.setTimeout(() => void analyse(ctx, controller.signal), delay);
    };
    start(0);
    // Single-page apps (X, Bluesky, Reddit, YouTube…) change the page without a reload.
    ctx.addEventListener(window, 'wxt:locationchange', () => start(SETTLE_MS));
    ctx.onInvalidated(() => run?.abort());
  },
});

let data: Promise<DetectorData | null> | undefined;

/** Detector data comes from the background once per page, and only for pages that pass the prefilter. */
function detectorData(): Promise<DetectorData | null> {
  data ??= sendMessage('getDetectorData', {}).then((r) => {
    if (!r.ok) data = undefined; // try again on the next navigation
    return r.ok ? r.value : null;
  });
  return data;
}

async function analyse(ctx: ContentScriptContext, signal: AbortSignal): Promise<void> {
  // The same path as the `detect` command (utils/detect/analyse.ts); only how extraction
  // is paced and where the data comes from differ.
  const result = await analysePage(document, location.href, {
    extract: (doc, url) =>
      extractPageSliced(doc, url, {
        sliceMs: SLICE_MS,
        now: () => performance.now(),
        yieldToMain: () => new Promise<void>((resolve) => ctx.setTimeout(resolve, 0)),
        signal,
      }),
    data: async () => {
      if (signal.aborted || ctx.isInvalid) return null;
      const d = await detectorData();
      // Building the matcher (once per data) is a task of its own, apart from matching.
      if (d) compileDetector(d);
      return d;
    },
    between: () => new Promise<void>((resolve) => ctx.setTimeout(resolve, 0)),
  });
  if (signal.aborted || ctx.isInvalid) return;
  // No data (the background did not answer): report nothing, the next navigation retries.
  if (result.stage === 'no-data') return;
  await sendMessage('reportTopic', { topic: result.topic?.beat ? result.topic : null });
}
