/** Where the card goes: above the anchor (Send sits at the bottom of a compose), else below, always on screen. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const VIEWPORT_MARGIN = 8;
const GAP = 8;

export function placeCard(
  anchor: Box,
  card: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number } {
  const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, Math.max(min, max)));
  const above = anchor.top - GAP - card.height;
  const below = anchor.top + anchor.height + GAP;
  const top =
    above >= VIEWPORT_MARGIN
      ? above
      : below + card.height <= viewport.height - VIEWPORT_MARGIN
        ? below
        : clamp(above, VIEWPORT_MARGIN, viewport.height - VIEWPORT_MARGIN - card.height);
  const left = clamp(anchor.left, VIEWPORT_MARGIN, viewport.width - VIEWPORT_MARGIN - card.width);
  return { left, top };
}
