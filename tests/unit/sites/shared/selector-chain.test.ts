// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { matchChain } from '../../../../src/sites/shared/selector-chain.ts';

describe('matchChain', () => {
  const page = () => {
    document.body.innerHTML = `
      <div id="a" class="old" hidden></div>
      <div id="b" class="old"></div>
      <div id="c" data-hook="send"></div>`;
    return document;
  };

  it('takes the earliest alternative that finds something, and says which one it was', () => {
    const match = matchChain(page(), ['[data-hook="missing"]', '[data-hook="send"]', '.old']);
    expect(match?.element.id).toBe('c');
    expect(match?.alternative).toBe(1);
  });

  it('passes over elements the caller refuses, within and across alternatives', () => {
    const doc = page();
    expect(matchChain(doc, ['.old'], (el) => !el.hasAttribute('hidden'))?.element.id).toBe('b');
    const match = matchChain(doc, ['[data-hook]', '.old'], (el) => el.classList.contains('old') && !el.hasAttribute('hidden'));
    expect(match).toEqual({ element: doc.getElementById('b'), alternative: 1 });
  });

  it('skips a selector the browser cannot parse, and answers null when nothing matches', () => {
    const doc = page();
    expect(matchChain(doc, ['div[', '#b'])?.alternative).toBe(1);
    expect(matchChain(doc, ['#nothing', 'span'])).toBeNull();
  });
});
