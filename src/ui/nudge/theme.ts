/**
 * Light or dark card. Gmail's and Outlook's themes are independent of the system setting, so the
 * page's own background at the anchor decides when it can be read; the system setting decides
 * otherwise.
 */
export type NudgeTheme = 'light' | 'dark';

/** [r, g, b, alpha] from "rgb(…)" / "rgba(…)" (commas or spaces), or null. */
export function parseCssColor(value: string): [number, number, number, number] | null {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i.exec(value.trim());
  if (!match) return null;
  const alphaText = match[4];
  let alpha = 1;
  if (alphaText !== undefined) alpha = alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
}

/** WCAG relative luminance, 0 (black) … 1 (white). */
export function relativeLuminance(r: number, g: number, b: number): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The first mostly opaque background behind the element, walking out through shadow hosts. */
export function backgroundBehind(element: Element): [number, number, number] | null {
  const view = element.ownerDocument.defaultView;
  if (!view) return null;
  let current: Element | null = element;
  while (current) {
    const color = parseCssColor(view.getComputedStyle(current).backgroundColor || '');
    if (color && color[3] >= 0.5) return [color[0], color[1], color[2]];
    const parent: Element | null = current.parentElement;
    const root = current.getRootNode();
    current = parent ?? (root instanceof view.ShadowRoot ? root.host : null);
  }
  return null;
}

export function pickTheme(anchor: Element): NudgeTheme {
  // A Send button is coloured with the site's accent (Gmail's is dark blue in the light theme):
  // the theme is the surface the button sits on, so start outside the button.
  const button = anchor.closest('button, [role="button"]');
  const background = backgroundBehind(button?.parentElement ?? anchor);
  if (background) return relativeLuminance(...background) < 0.2 ? 'dark' : 'light';
  const view = anchor.ownerDocument.defaultView;
  return view?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
