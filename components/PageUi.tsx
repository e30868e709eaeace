// Everything the UI content script shows on an AI page, inside one shadow root: the
// sidebar (articles only) and the hover-card layer for underlined names.
import { useState } from 'preact/hooks';
import type { PageTopic } from '../utils/schema';
import type { HighlightTargets } from '../utils/highlight';
import type { Send, Subscribe } from './client';
import { HoverCards } from './HoverCards';
import { OffToast } from './OffToast';
import { Sidebar } from './Sidebar';
import { useTabContext } from './use-tab-context';

export interface PageUiProps {
  send: Send;
  subscribe: Subscribe;
  tabId: number;
  topic: PageTopic;
  site: string;
  showSidebar: boolean;
  showCards: boolean;
  initialOpen: boolean;
  onOpenChange: (open: boolean) => void;
  /** Turns the site off (underlines and sidebar go); the toast then offers `onUndoDisable`. */
  onDisableSite: () => void;
  /** Puts the site's switch back and brings the page UI back. */
  onUndoDisable: () => void;
  /** The toast was dismissed: the page UI can go entirely. */
  onOffDismissed: () => void;
  doc: Document;
  host: Element;
  /** The highlighter's ranges over the page's names (the hover cards' targets). */
  targets: HighlightTargets;
  /** Whether an event comes from the person; defaults to `isTrusted`. */
  trusted?: (e: Event) => boolean;
}

function SidebarContainer(props: PageUiProps & { onDisable: () => void }) {
  const [open, setOpen] = useState(props.initialOpen);
  // Opened by the user on this page (a real click): a person is looking, so a narrative may be written.
  const [userOpened, setUserOpened] = useState(false);
  const { state, partial, refresh, stories } = useTabContext({ send: props.send, subscribe: props.subscribe, tabId: props.tabId, surface: { open, userOpened }, wantStories: open });
  return (
    <Sidebar
      state={state}
      stories={stories}
      partial={partial}
      open={open}
      site={props.site}
      onRefresh={refresh}
      trusted={props.trusted}
      onDisableSite={props.onDisable}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setUserOpened(true);
        props.onOpenChange(next);
      }}
    />
  );
}

export function PageUi(props: PageUiProps) {
  const [off, setOff] = useState(false);
  if (off) return <OffToast site={props.site} trusted={props.trusted} onUndo={props.onUndoDisable} onDismiss={props.onOffDismissed} />;
  const disable = () => {
    props.onDisableSite();
    setOff(true);
  };
  return (
    <>
      {props.showSidebar ? <SidebarContainer {...props} onDisable={disable} /> : null}
      {props.showCards ? <HoverCards
          send={props.send}
          beat={props.topic.beat?.id ?? null}
          entities={props.topic.entities}
          targets={props.targets}
          doc={props.doc}
          host={props.host}
          trusted={props.trusted}
        /> : null}
    </>
  );
}
