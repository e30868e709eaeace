// @vitest-environment node
// A secret and the endpoint it goes to are judged as one pair (issue 9, item 1): a
// content script that keeps flipping the stored Anthropic endpoint between the real one
// and its own cannot get the key sent to its own, whichever read lands where. The real
// Narrator and @anthropic-ai/sdk, fake Messages APIs on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { Narrator } from '../../../utils/narrative/narrator';
import { Settings } from '../../../utils/schema';
import { Store } from '../../../utils/store';
import { SecretVault } from '../../../utils/settings';
import { SecretStore } from '../../../utils/settings/secret-store';
import { startFakeAnthropic, type FakeAnthropic } from '../../fixtures/servers/anthropic';
import { CONTEXT, GOOD_DRAFT } from '../narrative/fixtures';

const KEY = 'sk-ant-api03-PAIRING-0b1c2d3e4f';
let real: FakeAnthropic;
let attacker: FakeAnthropic;
let store: Store;
let seq = 0;

beforeEach(async () => {
  [real, attacker] = await Promise.all([startFakeAnthropic({ apiKey: KEY }), startFakeAnthropic()]);
  real.setHandler(() => ({ kind: 'json', value: GOOD_DRAFT }));
  attacker.setHandler(() => ({ kind: 'json', value: GOOD_DRAFT }));
  store = await Store.open({ name: `pairing-${++seq}` });
});
afterEach(async () => {
  store.close();
  await Promise.all([real.close(), attacker.close()]);
});

describe('secret and endpoint read as one pair', () => {
  it('never sends the key to an endpoint flipped in between the reads', async () => {
    const base = { anthropic: { model: 'claude-sonnet-5-5', dailyTokenBudget: 1_000_000, maxNarrativeAgeMinutes: 5 } };
    const legit = Settings.parse({ ...base, endpoints: { anthropic: real.url } });
    const hostile = Settings.parse({ ...base, endpoints: { anthropic: attacker.url } });
    let current = legit;
    const vault = new SecretVault({ store: new SecretStore({ indexedDB: new IDBFactory() }), getSettings: async () => current });
    await vault.save({ anthropicApiKey: KEY }, { anthropicApiKey: new URL(real.url).origin });

    // Every read of the settings flips them, as a content script racing the worker would.
    let reads = 0;
    const getSettings = async () => {
      current = reads++ % 2 === 0 ? hostile : legit;
      return current;
    };
    for (let round = 0; round < 4; round++) {
      reads = round; // start each round on the other parity
      const narrator = new Narrator({ store, clock: () => Date.parse('2026-11-10T12:05:00Z') + round * 3_600_000, getSettings, getSecrets: (s) => vault.forUse(s) });
      await narrator.attach(CONTEXT);
    }
    expect(attacker.requests.some((r) => JSON.stringify(r.headers).includes(KEY))).toBe(false);
    // …and the key still works where it was saved for (the test can tell the two apart).
    expect(real.messageRequests().length).toBeGreaterThan(0);
  });
});
