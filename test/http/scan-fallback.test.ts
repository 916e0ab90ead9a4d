import { describe, expect, it } from 'vitest';
import { call, createLocation } from '../helpers';
import { REVIEW_URL } from '../scans-helpers';

// Its own file: whether a review link is offered depends on how many locations the deployment has.
describe('the page for an unknown code', () => {
  it('offers the review link while there is exactly one location, never redirecting', async () => {
    const none = await call('/r/ZZZZZZZZZZ');
    expect(none.status).toBe(404);
    expect(await none.text()).not.toContain('Оставить отзыв');

    await createLocation();
    for (const path of ['/r/ZZZZZZZZZZ', '/r/not-a-code', '/R/zzzzzzzzzz']) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      const html = await res.text();
      expect(html).toContain('Оставить отзыв');
      expect(html).toContain('<p class="scan-business">Пекарня «Колобок»</p>');
      expect(html).toContain(`href="${REVIEW_URL.replace(/&/g, '&amp;')}"`);
    }

    await createLocation();
    const two = await call('/r/ZZZZZZZZZZ');
    expect(two.status).toBe(404);
    expect(await two.text()).not.toContain('Оставить отзыв');
  });

  it('speaks English when asked', async () => {
    const res = await call('/r/ZZZZZZZZZZ', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Card not found');
  });
});
