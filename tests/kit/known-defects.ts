/**
 * Product defects the browser flows show today, per site, each naming the issue item that fixes it.
 * A flow listed here runs as `it.fails`: it asserts the right behaviour and is expected to fail,
 * so that the fix makes it fail loudly ("expected to fail") until its line here is removed. The
 * reliability run reports these apart from the problems it fails on.
 */
import type { DemoName } from '../demo/serve.ts';

export type KnownDefect =
  /** A `click` with no press before it goes through unexamined. */
  | 'lone-click-unexamined'
  /** A second Ctrl+Enter while the card is open picks the first suggestion. */
  | 'second-ctrl-enter-chooses'
  /** "Send now" that cannot replay the send closes the card and sends nothing, silently. */
  | 'send-now-silent-without-send-button';

export const KNOWN_DEFECTS: Record<DemoName, Partial<Record<KnownDefect, string>>> = {
  gmail: {
    'lone-click-unexamined': 'issue 12 item 2',
    'second-ctrl-enter-chooses': 'issue 12 item 4',
    'send-now-silent-without-send-button': 'issue 12 item 5',
  },
  outlook: {
    'lone-click-unexamined': 'issue 12 item 2',
    'second-ctrl-enter-chooses': 'issue 12 item 4',
  },
};
