// Hugging Face Hub figures for model entities (downloads, likes, licence, open weights,
// last modified), for hover cards. Keyless reads, cached in the store's entityStats.
import { ModelStats, type Settings } from '../../schema';
import { HfModelInfo } from '../../schema/discourse';
import type { Store } from '../../store';
import type { HttpClient } from '../http';
import { SourceFailure } from '../http';
import { isoOrUndefined } from '../text';

/** Licences that make open weights open source (OSI-approved or widely treated as such). */
const OPEN_SOURCE_LICENSES = new Set([
  'apache-2.0', 'mit', 'bsd', 'bsd-2-clause', 'bsd-3-clause', 'bsd-3-clause-clear', 'gpl', 'gpl-2.0', 'gpl-3.0',
  'lgpl', 'lgpl-2.1', 'lgpl-3.0', 'agpl-3.0', 'mpl-2.0', 'epl-2.0', 'isc', 'cc0-1.0', 'cc-by-4.0', 'cc-by-sa-4.0',
  'unlicense', 'artistic-2.0', 'openrail', 'openrail++', 'bigscience-openrail-m', 'creativeml-openrail-m', 'odc-by', 'pddl',
]);

/** Files that are model weights. */
const WEIGHT_FILE = /\.(safetensors|bin|gguf|pt|pth|ckpt|onnx|h5|msgpack|tflite|mlmodel|nemo)$/i;

/** How long Hub figures are served from the cache. */
export const HF_TTL_MS = 6 * 3_600_000;

/** Hub repo ids look like `org/name`. */
export const HF_REPO_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[\w.-]{1,96}$/;

/** `/api/models/{id}` answer → the card's ModelStats. */
export function modelStatsOf(info: HfModelInfo): ModelStats {
  const fromCard = info.cardData?.license;
  const fromTag = info.tags.find((t) => t.startsWith('license:'))?.slice('license:'.length);
  const license = (Array.isArray(fromCard) ? fromCard[0] : fromCard) ?? fromTag ?? null;
  // Without a file list (some mirrors leave it out) a public, enabled repo is taken as downloadable.
  const hasWeights = info.siblings ? info.siblings.some((s) => WEIGHT_FILE.test(s.rfilename)) : true;
  const openWeights = !info.private && !info.disabled && hasWeights;
  return ModelStats.parse({
    repoId: info.id,
    downloads: info.downloads,
    likes: info.likes,
    license: license ? license.toLowerCase().slice(0, 100) : null,
    openWeights,
    openSource: openWeights && !!license && OPEN_SOURCE_LICENSES.has(license.toLowerCase()),
    lastModified: isoOrUndefined(info.lastModified) ?? null,
  });
}

export interface HuggingFaceClients {
  http: HttpClient;
  store: Store;
  getSettings: () => Promise<Settings>;
}

/** Model figures by repo id, cache first. */
export class HuggingFaceStats {
  private readonly inflight = new Map<string, Promise<ModelStats>>();

  constructor(private readonly c: HuggingFaceClients) {}

  /**
   * Figures for `repoId` (e.g. `deepseek-ai/DeepSeek-V3`). A fresh cached copy answers
   * without a request; when the Hub fails, an expired copy is returned rather than nothing.
   * Throws SourceFailure (`not-found` for an unknown repo, `not-configured` when the
   * source is switched off).
   */
  async get(repoId: string, opts: { signal?: AbortSignal } = {}): Promise<ModelStats> {
    if (!HF_REPO_ID.test(repoId)) throw new SourceFailure('bad-request', `"${repoId}" is not a Hugging Face repo id`);
    const key = `hf:${repoId.toLowerCase()}`;
    const cached = await this.c.store.get('entityStats', key, ModelStats).catch(() => undefined);
    if (cached && !cached.expired) return cached.value;
    const settings = await this.c.getSettings();
    if (!settings.sources.huggingface) {
      if (cached) return cached.value;
      throw new SourceFailure('not-configured', 'Hugging Face figures are switched off in the options');
    }
    let p = this.inflight.get(key);
    if (!p) {
      p = this.fetchStats(settings.endpoints.huggingface, repoId, opts.signal).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    try {
      return await p;
    } catch (err) {
      if (cached && err instanceof SourceFailure && err.code !== 'not-found') return cached.value;
      throw err;
    }
  }

  private async fetchStats(endpoint: string, repoId: string, signal?: AbortSignal): Promise<ModelStats> {
    const u = new URL(`/api/models/${repoId.split('/').map(encodeURIComponent).join('/')}`, endpoint);
    const info = await this.c.http.getJson('huggingface', u.href, HfModelInfo, { signal });
    const stats = modelStatsOf(info);
    await this.c.store.put('entityStats', `hf:${repoId.toLowerCase()}`, stats, HF_TTL_MS).catch(() => {});
    return stats;
  }
}
