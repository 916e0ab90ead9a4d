-- A failed notification keeps only a fixed reason. Older versions stored up to 200 characters of
-- the receiver's answer, which could echo a forwarded contact: keep the status, drop the rest.
UPDATE notifications SET last_error = substr(last_error, 1, 8)
 WHERE last_error GLOB 'HTTP [0-9][0-9][0-9]?*';
UPDATE notifications SET last_error = 'not configured'
 WHERE last_error IN ('Telegram is not configured', 'the webhook URL is not configured');
UPDATE notifications SET last_error = 'network error'
 WHERE last_error IS NOT NULL
   AND last_error NOT GLOB 'HTTP [0-9][0-9][0-9]'
   AND last_error NOT IN ('timeout', 'network error', 'refused address', 'not configured');
