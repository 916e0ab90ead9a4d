import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/domain/brand';
import { STYLESHEET } from '../../src/views/styles';

/** A custom property's value in the stylesheet's :root. */
function variable(name: string): string {
  const value = new RegExp(`--${name}:(#[0-9a-fA-F]{3,6})`).exec(STYLESHEET)?.[1];
  if (!value) throw new Error(`--${name} is not set`);
  return value;
}

describe('the keyboard focus ring', () => {
  it('is drawn in the --focus colour on every focusable control', () => {
    expect(STYLESHEET).toMatch(
      /a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible[^{]*\{outline:3px solid var\(--focus\)/,
    );
  });

  it('stands out at least 3:1 (WCAG 1.4.11) on white panels, the page background and the dark top bar', () => {
    const focus = variable('focus');
    const topbar = /\.topbar\{background:(#[0-9a-fA-F]{3,6})/.exec(STYLESHEET)?.[1];
    expect(topbar).toBeDefined();
    for (const background of [variable('card'), variable('bg'), topbar!]) {
      expect(contrastRatio(focus, background), `${focus} on ${background}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('would fail with the old orange on white', () => {
    expect(contrastRatio('#f5a623', '#ffffff')).toBeLessThan(3);
  });
});
