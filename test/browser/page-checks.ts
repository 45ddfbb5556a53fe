import { Page } from 'playwright-core';

/**
 * Small accessibility checks run inside the page: what axe would flag first, written for
 * this page's elements (no axe in the dependency tree).
 */

/** Buttons and form fields without an accessible name. */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nameOf = (element: HTMLElement): string => {
      const labelledBy = element.getAttribute('aria-labelledby');
      const byId = labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
      const labels = 'labels' in element ? Array.from((element as HTMLInputElement).labels ?? []).map((label) => label.textContent ?? '') : [];
      return [element.getAttribute('aria-label') ?? '', byId, ...labels, element instanceof HTMLButtonElement ? element.textContent ?? '' : ''].join(' ').trim();
    };
    return Array.from(document.querySelectorAll<HTMLElement>('button, input, textarea, select'))
      .filter((element) => element.offsetParent !== null && nameOf(element) === '')
      .map((element) => element.outerHTML.slice(0, 120));
  });
}

/** Visible text whose contrast with its background is under WCAG AA (4.5:1, 3:1 for large text). */
export function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (color: string): number[] => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (value: number) => (value / 255 <= 0.03928 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const color = rgb(getComputedStyle(node).backgroundColor);
        if (color.length === 3 || color[3] > 0.5) return color.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const failures: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const ownText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim());
      if (!ownText || element.offsetParent === null) continue;
      const style = getComputedStyle(element);
      const [a, b] = [luminance(rgb(style.color)), luminance(backgroundOf(element))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(`${ratio.toFixed(2)}: ${element.textContent!.trim().slice(0, 40)}`);
    }
    return failures;
  });
}

/** The focused element shows a focus ring (a visible outline). */
export function focusRingVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });
}

/** True when the page is wider than the viewport (a sideways scroll on a phone). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
