/**
 * How a queue consumer retries a message D1 could not take: with growing delays, so a scan or a
 * complaint outlives a D1 outage of half an hour (10 s + 1 min + 5 min + 30 min) before it is
 * handed to the dead-letter queue. Keep `max_retries` in wrangler.toml equal to the number of
 * delays.
 */
const RETRY_DELAYS_SECONDS = [10, 60, 300, 1800] as const;

/** Deliveries of one message before it is given up: the first, plus one per delay. */
export const MAX_DELIVERIES = RETRY_DELAYS_SECONDS.length + 1;

/** The delay before the next delivery of a message delivered `attempts` times so far (1-based). */
export function retryDelaySeconds(attempts: number): number {
  const index = Math.min(Math.max(attempts, 1), RETRY_DELAYS_SECONDS.length) - 1;
  return RETRY_DELAYS_SECONDS[index]!;
}
