// On a feed, which post the popup is about: the AI post nearest the middle of the screen
// (its author and first words, as the feed script saw them on this machine), and the
// other AI posts in view.
import type { FeedPostLabel } from '../utils/schema/feeds';
import { beatById } from '../utils/schema/beats';

export interface FeedPostsProps {
  post: FeedPostLabel;
  others: FeedPostLabel[];
}

function Label({ p }: { p: FeedPostLabel }) {
  return (
    <>
      {p.author ? <strong class="uc-feed-author">{p.author}</strong> : null}
      {p.author ? ': ' : ''}
      <span class="uc-feed-excerpt">“{p.excerpt}”</span>
    </>
  );
}

export function FeedPosts({ post, others }: FeedPostsProps) {
  return (
    <section class="uc-feed" data-testid="feed-focus" aria-label="The post on screen">
      <p class="uc-feed-post" data-testid="feed-post">
        <span class="uc-muted">Post on screen · </span>
        <Label p={post} />
      </p>
      {others.length ? (
        <>
          <p class="uc-muted uc-feed-others-title">Also about AI in view</p>
          <ul class="uc-feed-others" data-testid="feed-others">
            {others.map((o, i) => (
              <li key={i}>
                <Label p={o} /> <span class="uc-muted">· {beatById(o.beat)?.name ?? o.beat}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
