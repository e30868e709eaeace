import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dispatch, registerHandlers, HandlerError, type Handlers } from '../../../utils/messaging/server';
import { sendMessage } from '../../../utils/messaging/client';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = async () => {
    throw new Error('not in this test');
  };
  return {
    reportTopic: async () => ({ accepted: true }),
    getDetectorData: fail,
    getTabContext: fail,
    getContext: fail,
    getEntityCard: fail,
    getOptions: fail,
    saveSettings: fail,
    saveSecrets: fail,
    testConnection: fail,
    clearCache: async () => ({ cleared: true }),
    getNarrativeCost: fail,
    getTabTopic: fail,
    ...overrides,
  } as Handlers;
}

// A content script in tab 4 of a web page, as runtime.onMessage reports it.
const SELF = { id: 'test-extension', origin: 'chrome-extension://test-extension' };
const sender = { id: SELF.id, url: 'https://news.example.com/a', frameId: 0, tab: { id: 4, url: 'https://news.example.com/a' } } as never;
const extensionPage = { id: SELF.id, url: `${SELF.origin}/options.html` } as never;

describe('protocol dispatch', () => {
  it.each([
    ['a non-envelope', 'hello', 'bad-request'],
    ['an unknown message', { channel: 'undercurrent', name: 'deleteEverything', data: {} }, 'unknown-message'],
    ['a prototype key as name', { channel: 'undercurrent', name: 'constructor', data: {} }, 'unknown-message'],
    ['a malformed payload', { channel: 'undercurrent', name: 'getTabContext', data: { tabId: 'seven' } }, 'bad-request'],
    ['a topic with a bad beat', { channel: 'undercurrent', name: 'reportTopic', data: { topic: { beat: { id: 'x' } } } }, 'bad-request'],
    // Only the gazetteer id may cross: a card request carrying a name from the page is refused.
    ['a card request with a page string', { channel: 'undercurrent', name: 'getEntityCard', data: { id: 'deepseek-v3', name: 'from:someone@example.com private search terms', beat: null } }, 'bad-request'],
  ])('answers %s with a typed error', async (_what, message, code) => {
    const reply = await dispatch(handlers(), message, sender, SELF);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe(code);
      expect(reply.error.message.length).toBeGreaterThan(0);
    }
  });

  it('names the bad field in a malformed payload', async () => {
    const reply = await dispatch(handlers(), { channel: 'undercurrent', name: 'getTabContext', data: { tabId: -1 } }, extensionPage, SELF);
    expect(!reply.ok && reply.error.message).toMatch(/getTabContext: tabId/);
  });

  it('turns a throwing handler into an error reply with its code', async () => {
    const h = handlers({
      clearCache: async () => {
        throw new HandlerError('storage', 'IndexedDB is unavailable');
      },
    });
    expect(await dispatch(h, { channel: 'undercurrent', name: 'clearCache', data: {} }, extensionPage, SELF)).toEqual({
      ok: false,
      error: { code: 'storage', message: 'IndexedDB is unavailable' },
    });
  });

  it('passes the parsed request (with defaults) to the handler', async () => {
    const getTabContext = vi.fn(async () => ({ topic: null, analysed: false, context: null, error: null, revalidating: false }));
    const reply = await dispatch(handlers({ getTabContext }), { channel: 'undercurrent', name: 'getTabContext', data: { tabId: 3 } }, extensionPage, SELF);
    expect(reply.ok).toBe(true);
    expect(getTabContext).toHaveBeenCalledWith({ tabId: 3, force: false }, extensionPage);
  });

  it('round-trips through runtime messaging and keeps the worker alive after a bad message', async () => {
    registerHandlers(handlers());
    const bad = await fakeBrowser.runtime.sendMessage({ channel: 'undercurrent', name: 'nope', data: {} });
    expect(bad).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
    // The fake browser reports no sender (no extension id): refused, and the worker carries on.
    expect(await sendMessage('clearCache', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
