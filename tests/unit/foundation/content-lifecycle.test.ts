// The content scripts' lifecycle (utils/content-lifecycle.ts, aliased in place of WXT's):
// nothing it does is visible to the page, nothing the page sends stops it, and a newer
// instance of the same script stops the older one through the isolated world's global.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '../../../utils/content-lifecycle';

const made: ContentScriptContext[] = [];
function context(name: string): ContentScriptContext {
  const ctx = new ContentScriptContext(name);
  made.push(ctx);
  return ctx;
}

afterEach(() => {
  for (const c of made.splice(0)) c.notifyInvalidated();
  vi.restoreAllMocks();
});

describe('ContentScriptContext (ours)', () => {
  it('posts no window message and dispatches no DOM event when it starts', () => {
    fakeBrowser.runtime.id = 'abcdefghijklmnopabcdefghijklmnop';
    const posted = vi.spyOn(window, 'postMessage');
    const onDoc = vi.spyOn(document, 'dispatchEvent');
    const onWin = vi.spyOn(window, 'dispatchEvent');
    context('ui');
    expect(posted).not.toHaveBeenCalled();
    expect(onDoc).not.toHaveBeenCalled();
    expect(onWin).not.toHaveBeenCalled();
  });

  it("is not stopped by a page's forged WXT start message or event", () => {
    fakeBrowser.runtime.id = 'abcdefghijklmnopabcdefghijklmnop';
    const ctx = context('ui');
    const type = `${fakeBrowser.runtime.id}:ui:wxt:content-script-started`;
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'ui', messageId: 'forged' } }));
    window.dispatchEvent(new MessageEvent('message', { data: { type, contentScriptName: 'ui', messageId: 'forged' } }));
    expect(ctx.isValid).toBe(true);
  });

  it('a newer instance of the same script stops the older one; other scripts are left alone', () => {
    fakeBrowser.runtime.id = 'abcdefghijklmnopabcdefghijklmnop';
    const old = context('ui');
    const detector = context('content');
    const stopped = vi.fn();
    old.onInvalidated(stopped);
    const next = context('ui');
    expect(old.isValid).toBe(false);
    expect(stopped).toHaveBeenCalledOnce();
    expect(next.isValid).toBe(true);
    expect(detector.isValid).toBe(true);
  });

  it('stops its timers and listeners when invalidated', () => {
    fakeBrowser.runtime.id = 'abcdefghijklmnopabcdefghijklmnop';
    vi.useFakeTimers();
    try {
      const ctx = context('ui');
      const tick = vi.fn();
      const click = vi.fn();
      ctx.setTimeout(tick, 100);
      ctx.addEventListener(document, 'click', click);
      ctx.notifyInvalidated();
      vi.advanceTimersByTime(1000);
      document.dispatchEvent(new MouseEvent('click'));
      expect(tick).not.toHaveBeenCalled();
      expect(click).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('delivers wxt:locationchange itself: a page event of that name on window does nothing', () => {
    fakeBrowser.runtime.id = 'abcdefghijklmnopabcdefghijklmnop';
    const ctx = context('ui');
    const changed = vi.fn();
    ctx.addEventListener(window, 'wxt:locationchange', changed);
    window.dispatchEvent(new Event('wxt:locationchange'));
    window.dispatchEvent(new Event(`${fakeBrowser.runtime.id}:ui:wxt:locationchange`));
    expect(changed).not.toHaveBeenCalled();
  });
});
