// The always-on detector: reads the page, decides whether it is about AI and which
// beat and entities, and reports the topic to the background. No UI lives here.
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../../utils/messaging/client';
import { extractPage } from '../../utils/extract';
import { detect, prefilter, type DetectorData } from '../../utils/detect';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    void analyse(ctx);
    // Single-page apps (X, Bluesky, Reddit…) change the page without a reload.
    ctx.addEventListener(window, 'wxt:locationchange', () => void analyse(ctx));
  },
});

let data: Promise<DetectorData | null> | undefined;

/** Detector data comes from the background once per page, and only for pages that pass the prefilter. */
function detectorData(): Promise<DetectorData | null> {
  data ??= sendMessage('getDetectorData', {}).then((r) => (r.ok ? r.value : null));
  return data;
}

async function analyse(ctx: ContentScriptContext): Promise<void> {
  const page = extractPage(document, location.href);
  if (!page || !prefilter(page)) {
    await sendMessage('reportTopic', { topic: null });
    return;
  }
  const d = await detectorData();
  if (!d || ctx.isInvalid) return;
  const topic = detect(page, d);
  await sendMessage('reportTopic', { topic: topic.beat ? topic : null });
}
