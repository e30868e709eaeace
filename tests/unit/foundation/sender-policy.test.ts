// Who may send each protocol message (issue 9, item 6): extension pages (popup, options)
// and/or content scripts, a content script only about its own tab; checked from the
// sender before any handler runs.
import { describe, expect, it, vi } from 'vitest';
import { classifySender, dispatch, type Handlers, type Self } from '../../../utils/messaging/server';
import { protocol, type MessageName, type SenderKind } from '../../../utils/messaging/protocol';

const SELF: Self = { id: 'undercurrent-id', origin: 'chrome-extension://undercurrent-id' };
const EXT = SELF.origin;

const senders = {
  popup: { id: SELF.id, url: `${EXT}/popup.html` },
  optionsTab: { id: SELF.id, url: `${EXT}/options.html`, frameId: 0, tab: { id: 7, url: `${EXT}/options.html` } },
  optionsTabNoUrl: { id: SELF.id, url: `${EXT}/options.html`, frameId: 0, tab: { id: 7 } },
  contentScript: { id: SELF.id, url: 'https://news.example.com/a', frameId: 0, tab: { id: 3, url: 'https://news.example.com/a' } },
  contentScriptInFrame: { id: SELF.id, url: 'https://ads.example.net/x', frameId: 5, tab: { id: 3, url: 'https://news.example.com/a' } },
  extensionFrameInPage: { id: SELF.id, url: `${EXT}/options.html`, frameId: 4, tab: { id: 3, url: 'https://news.example.com/a' } },
  optionsEmbedded: { id: SELF.id, url: `${EXT}/options.html`, frameId: 2, tab: { id: 8, url: 'chrome://extensions/?options=undercurrent-id' } },
  optionsEmbeddedNoUrl: { id: SELF.id, url: `${EXT}/options.html`, frameId: 2, tab: { id: 8 } },
  otherExtension: { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' },
  noId: { url: `${EXT}/popup.html` },
  nowhere: { id: SELF.id },
};

describe('classifySender', () => {
  it.each([
    ['popup', 'extension-page'],
    ['optionsTab', 'extension-page'],
    ['optionsTabNoUrl', 'extension-page'],
    ['optionsEmbedded', 'extension-page'],
    ['optionsEmbeddedNoUrl', 'extension-page'],
    ['contentScript', 'content-script'],
    ['contentScriptInFrame', 'content-script'],
    ['extensionFrameInPage', null],
    ['otherExtension', null],
    ['noId', null],
    ['nowhere', null],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifySender(senders[name] as never, SELF)).toBe(kind);
  });
});

/** The policy table: who may send each message. A new entry must be added here on purpose. */
const POLICY: Record<MessageName, { senders: SenderKind[]; ownTab?: true }> = {
  reportTopic: { senders: ['content-script'] },
  getDetectorData: { senders: ['content-script', 'extension-page'] },
  getTabContext: { senders: ['extension-page', 'content-script'], ownTab: true },
  getContext: { senders: ['extension-page', 'content-script'] },
  getEntityCard: { senders: ['content-script', 'extension-page'] },
  getOptions: { senders: ['extension-page'] },
  saveSettings: { senders: ['extension-page'] },
  saveSecrets: { senders: ['extension-page'] },
  testConnection: { senders: ['extension-page'] },
  clearCache: { senders: ['extension-page'] },
  getNarrativeCost: { senders: ['extension-page'] },
  getTabTopic: { senders: ['content-script'] },
  lookUpName: { senders: ['extension-page'] },
  getStories: { senders: ['extension-page', 'content-script'] },
  reportFeedFocus: { senders: ['content-script'] },
  getBeatPulse: { senders: ['content-script'] },
};

describe('protocol sender policy', () => {
  it('every entry declares its senders, as the table says', () => {
    const declared = Object.fromEntries(Object.entries(protocol).map(([n, e]) => [n, { senders: [...e.senders], ...('ownTab' in e ? { ownTab: e.ownTab } : {}) }]));
    expect(declared).toEqual(POLICY);
  });

  it.each(['getOptions', 'saveSettings', 'saveSecrets', 'testConnection', 'clearCache', 'getNarrativeCost'] as const)(
    '%s is refused from a content script before its handler runs (and before its payload is parsed)',
    async (name) => {
      const handler = vi.fn(async () => ({}));
      const reply = await dispatch({ [name]: handler } as unknown as Handlers, { channel: 'undercurrent', name, data: { junk: true } }, senders.contentScript as never, SELF);
      expect(reply).toEqual({ ok: false, error: { code: 'unauthorized', message: `${name}: not allowed from a web page.` } });
      expect(handler).not.toHaveBeenCalled();
    },
  );

  it.each(['reportTopic', 'getTabTopic', 'reportFeedFocus', 'getBeatPulse'] as const)('%s is refused from an extension page', async (name) => {
    const handler = vi.fn(async () => ({}));
    const reply = await dispatch({ [name]: handler } as unknown as Handlers, { channel: 'undercurrent', name, data: { topic: null } }, senders.popup as never, SELF);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('lets a content script ask about its own tab only; an extension page about any', async () => {
    const getTabContext = vi.fn(async () => ({ topic: null, analysed: true, context: null, error: null, revalidating: false }));
    const h = { getTabContext } as unknown as Handlers;
    const msg = (tabId: number) => ({ channel: 'undercurrent', name: 'getTabContext', data: { tabId } });
    expect(await dispatch(h, msg(9), senders.contentScript as never, SELF)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'getTabContext: a page may only ask about its own tab.' },
    });
    expect((await dispatch(h, msg(3), senders.contentScript as never, SELF)).ok).toBe(true);
    expect((await dispatch(h, msg(9), senders.popup as never, SELF)).ok).toBe(true);
    expect(getTabContext).toHaveBeenCalledTimes(2);
  });

  it.each(['otherExtension', 'noId', 'nowhere', 'extensionFrameInPage'] as const)('refuses every message from %s', async (who) => {
    for (const name of Object.keys(protocol) as MessageName[]) {
      const reply = await dispatch({} as Handlers, { channel: 'undercurrent', name, data: {} }, senders[who] as never, SELF);
      expect(reply, name).toMatchObject({ ok: false, error: { code: 'unauthorized', message: `${name}: the sender is not part of this extension.` } });
    }
  });
});
