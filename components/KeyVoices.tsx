// The people driving a conversation, each with a verbatim quote and a link to the post.
import type { KeyVoice } from '../utils/schema';
import { compact, sourceName } from './format';

export interface KeyVoicesProps {
  voices: KeyVoice[];
  /** How many to show (the popup shows more than the card). */
  limit?: number;
}

/** Quotes are shown exactly as posted; the link opens the original post. */
export function KeyVoices({ voices, limit = 4 }: KeyVoicesProps) {
  if (voices.length === 0) return <p class="uc-muted">No key voices yet</p>;
  return (
    <ul class="uc-voices">
      {voices.slice(0, limit).map((v) => (
        <li key={v.postId} class="uc-voice" data-testid="key-voice">
          <p class="uc-voice-meta">
            <strong>{v.author}</strong>
            {v.handle ? ` ${v.handle.startsWith('@') ? v.handle : `@${v.handle}`}` : ''} · {sourceName(v.platform)}
            {v.engagement > 0 ? ` · ${compact(v.engagement)} interactions` : ''}
          </p>
          <blockquote cite={v.url}>“{v.quote}”</blockquote>
          <a href={v.url} target="_blank" rel="noopener noreferrer" class="uc-muted">
            Open post<span class="uc-sr"> by {v.author} on {sourceName(v.platform)}</span> ↗
          </a>
        </li>
      ))}
    </ul>
  );
}
