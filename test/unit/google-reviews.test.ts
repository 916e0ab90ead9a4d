import { describe, expect, it } from 'vitest';
import {
  backoffSeconds,
  freshReviews,
  googleEndpoints,
  isGoogleLocationName,
  parseGoogleReview,
  starRatingValue,
} from '../../src/domain/google-reviews';

const review = (id: string, updateTime: string) => ({
  name: `accounts/1/locations/2/reviews/${id}`,
  rating: 5,
  createTime: updateTime,
  updateTime,
});

describe('Google Business Profile rules', () => {
  it.each([
    ['ONE', 1],
    ['TWO', 2],
    ['THREE', 3],
    ['FOUR', 4],
    ['FIVE', 5],
    ['STAR_RATING_UNSPECIFIED', null],
    ['5', null],
    [5, null],
  ] as const)('starRating %s is %s', (value, rating) => expect(starRatingValue(value)).toBe(rating));

  it('a review without a name, a rating or a creation time is skipped', () => {
    const ok = {
      name: 'accounts/1/locations/2/reviews/a',
      starRating: 'FOUR',
      createTime: '2026-11-30T10:00:00Z',
      updateTime: '2026-12-01T10:00:00Z',
    };
    expect(parseGoogleReview(ok)).toEqual({
      name: ok.name,
      rating: 4,
      createTime: ok.createTime,
      updateTime: ok.updateTime,
    });
    expect(parseGoogleReview({ ...ok, starRating: 'STAR_RATING_UNSPECIFIED' })).toBeNull();
    expect(parseGoogleReview({ ...ok, name: 'accounts/1' })).toBeNull();
    expect(parseGoogleReview({ ...ok, createTime: 'yesterday' })).toBeNull();
    expect(parseGoogleReview({ ...ok, updateTime: undefined })!.updateTime).toBe(ok.createTime);
    expect(parseGoogleReview(null)).toBeNull();
  });

  it('a newest-first walk stops at the last updateTime seen', () => {
    const page = [
      review('c', '2026-12-01T10:00:00Z'),
      review('b', '2026-11-30T10:00:00Z'),
      review('a', '2026-11-29T10:00:00Z'),
    ];
    expect(freshReviews(page, null)).toEqual({ fresh: page, done: false });
    expect(freshReviews(page, '2026-11-30T10:00:00Z')).toEqual({ fresh: [page[0]], done: true });
    expect(freshReviews(page, '2026-11-01T00:00:00Z')).toEqual({ fresh: page, done: false });
    expect(freshReviews(page, '2026-12-02T00:00:00Z')).toEqual({ fresh: [], done: true });
  });

  it("Google's hosts by default, a stand-in's when a base is set", () => {
    expect(googleEndpoints('', '')).toEqual({
      consent: 'https://accounts.google.com/o/oauth2/v2/auth',
      token: 'https://oauth2.googleapis.com/token',
      accounts: 'https://mybusinessaccountmanagement.googleapis.com/v1/accounts',
      businessInformation: 'https://mybusinessbusinessinformation.googleapis.com/v1',
      reviews: 'https://mybusiness.googleapis.com/v4',
    });
    expect(googleEndpoints('http://127.0.0.1:9/', 'http://127.0.0.1:9')).toMatchObject({
      token: 'http://127.0.0.1:9/token',
      reviews: 'http://127.0.0.1:9/v4',
    });
  });

  it('a 429 waits its Retry-After, else doubles from a minute, at most 6 hours', () => {
    expect(backoffSeconds('120', 0)).toBe(120);
    expect(backoffSeconds(null, 0)).toBe(60);
    expect(backoffSeconds(null, 60)).toBe(120);
    expect(backoffSeconds('Wed, 21 Oct 2026 07:28:00 GMT', 300)).toBe(600);
    expect(backoffSeconds('999999', 0)).toBe(21600);
  });

  it('location names are accounts/*/locations/*', () => {
    expect(isGoogleLocationName('accounts/1/locations/2')).toBe(true);
    expect(isGoogleLocationName('locations/2')).toBe(false);
    expect(isGoogleLocationName('accounts/1/locations/2/../../x')).toBe(false);
  });
});
