// @vitest-environment node
// Hugging Face model figures from the fake Hub through the real fetch, cached in the store.
import { afterEach, describe, expect, it } from 'vitest';
import { HfModelInfo } from '../../../utils/schema/discourse';
import { modelStatsOf } from '../../../utils/discourse/sources/huggingface';
import { harness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('Hugging Face stats', () => {
  it('reads downloads, likes, licence, open weights and last modified, then serves them from the cache', async () => {
    h = await harness();
    const stats = await h.provider.modelStats('deepseek-ai/DeepSeek-V3');
    expect(stats).toEqual({
      repoId: 'deepseek-ai/DeepSeek-V3',
      downloads: 1843021,
      likes: 3921,
      license: 'mit',
      openWeights: true,
      openSource: true,
      lastModified: '2026-11-18T09:12:40.000Z',
    });
    await h.provider.modelStats('deepseek-ai/deepseek-v3');
    expect(h.up.huggingface.requests).toHaveLength(1);
    expect(await h.store.keys('entityStats')).toEqual(['hf:deepseek-ai/deepseek-v3']);
  });

  it('serves the cached figures when the Hub fails after they expired', async () => {
    h = await harness();
    await h.provider.modelStats('deepseek-ai/DeepSeek-V3');
    h.advance(7 * 3_600_000);
    h.up.huggingface.setFault({ kind: 'status', status: 500 });
    await expect(h.provider.modelStats('deepseek-ai/DeepSeek-V3')).resolves.toMatchObject({ likes: 3921 });
    expect(h.up.huggingface.requests.length).toBe(3); // one good, one failing attempt and its retry
  });

  it.each([
    ['unknown repo', 'nobody/nothing', undefined, 'not-found'],
    ['rate limited', 'deepseek-ai/DeepSeek-V3', { kind: 'rate-limit', retryAfterSeconds: 60 } as const, 'rate-limited'],
    ['malformed', 'deepseek-ai/DeepSeek-V3', { kind: 'malformed' } as const, 'malformed'],
    ['not a repo id', '../../etc', undefined, 'bad-request'],
  ])('%s → %s', async (_n, repo, fault, code) => {
    h = await harness();
    if (fault) h.up.huggingface.setFault(fault);
    await expect(h.provider.modelStats(repo)).rejects.toMatchObject({ code });
  });

  type Spec = { license: string; gated?: string; private?: boolean; siblings: string[] };
  it.each<[string, Spec, boolean, boolean]>([
    ['gated llama-style licence', { license: 'llama3.1', gated: 'manual', siblings: ['model.safetensors'] }, true, false],
    ['private repo', { license: 'mit', private: true, siblings: ['model.safetensors'] }, false, false],
    ['no weight files', { license: 'apache-2.0', siblings: ['README.md'] }, false, false],
    ['apache weights', { license: 'apache-2.0', siblings: ['a.gguf'] }, true, true],
  ])('%s: open weights %s, open source %s', (_n, m, openWeights, openSource) => {
    const info = HfModelInfo.parse({
      id: 'org/model',
      private: m.private ?? false,
      gated: m.gated ?? false,
      tags: [`license:${m.license}`],
      siblings: m.siblings.map((rfilename) => ({ rfilename })),
    });
    expect(modelStatsOf(info)).toMatchObject({ license: m.license, openWeights, openSource });
  });
});
