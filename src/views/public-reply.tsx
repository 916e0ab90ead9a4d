import { type Locale, messages } from '../i18n';
import { fill } from '../i18n';
import { formatLongMoment } from './format';

/**
 * The business's public replies on the card's pages: the text and its time, and nothing of the
 * complaint it answers (no reason, comment or contact), since whoever holds the card reads it.
 */
export function CardReplies(props: {
  locale: Locale;
  timeZone: string;
  replies: { reply: string; repliedAt: number }[];
}) {
  if (props.replies.length === 0) return null;
  const m = messages(props.locale).replies.public;
  return (
    <>
      {props.replies.map((r) => (
        <section class="reply" data-testid="reply" aria-label={m.heading}>
          <h2>{m.heading}</h2>
          <p class="reply-text">{r.reply}</p>
          <p class="reply-time">{fill(m.at, { date: formatLongMoment(r.repliedAt, props.locale, props.timeZone) })}</p>
        </section>
      ))}
    </>
  );
}

/**
 * While a kept-open thanks page waits for the reply: /assets/reply-wait.js asks `pollUrl` every
 * 15 s while the page is visible, for `pollSeconds`, and reloads the page once a reply is there.
 */
export function ReplyWait(props: { locale: Locale; pollUrl: string; pollSeconds: number }) {
  return (
    <p
      class="reply-wait"
      data-testid="reply-wait"
      data-reply-poll={props.pollUrl}
      data-poll-seconds={String(props.pollSeconds)}
    >
      {messages(props.locale).replies.public.waiting}
    </p>
  );
}

const REPLY_POLL_MS = 15_000;

export const REPLY_WAIT_SCRIPT = `(() => {
  const box = document.querySelector('[data-reply-poll]');
  if (!box || !window.fetch) return;
  const url = box.getAttribute('data-reply-poll');
  const until = Date.now() + 1000 * (Number(box.getAttribute('data-poll-seconds')) || 0);
  let timer = 0;
  const check = async () => {
    timer = 0;
    if (Date.now() > until) return;
    if (document.visibilityState !== 'hidden') {
      try {
        const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
        if (res.status === 404) return;
        if (res.ok && (await res.json()).reply) return location.reload();
      } catch (e) {}
    }
    timer = setTimeout(check, ${REPLY_POLL_MS});
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && timer) { clearTimeout(timer); check(); }
  });
  timer = setTimeout(check, ${REPLY_POLL_MS});
})();
`;
