import type { MessengerLink } from '../domain/messenger-links';
import { fill, type Locale } from '../i18n';
import { formatMoment } from './format';
import { CsrfField, PostButton } from './layout';
import { maxConnectLink } from './max-settings';
import { useT } from './request';

const LABEL = { telegram: 'Telegram', max: 'MAX' } as const;

/**
 * /admin/account: a person's own Telegram and MAX, linked by a one-time code sent to the bot, so
 * presses of complaint buttons are recorded under their name.
 */
export function MessengerLinksPanel(props: {
  locale: Locale;
  timeZone: string;
  name: string;
  links: MessengerLink[];
  /** the bots' usernames, when set up */
  bots: { telegram: string | null; max: string | null };
  code: string | null;
  notice?: string;
}) {
  const t = useT().messengers.account;
  const anyBot = props.bots.telegram !== null || props.bots.max !== null;
  return (
    <section class="panel" id="messengers">
      <h2 class="panel-title">{t.title}</h2>
      <p class="muted small">{fill(t.intro, { name: props.name })}</p>
      {props.notice && (
        <div class="alert ok" role="status">
          {props.notice}
        </div>
      )}
      {props.links.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <ul class="plain-list">
          {props.links.map((l) => (
            <li data-testid={`linked-${l.channel}`}>
              {fill(t.linked, {
                channel: LABEL[l.channel],
                who: l.externalName || l.externalUserId,
                when: formatMoment(l.createdAt, props.locale, props.timeZone),
              })}{' '}
              <form method="post" action="/admin/account/messenger-unlink" class="inline-form">
                <CsrfField />
                <input type="hidden" name="channel" value={l.channel} />
                <button class="btn secondary" type="submit">
                  {fill(t.unlink, { channel: LABEL[l.channel] })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {!anyBot ? (
        <p class="muted small">{t.noBots}</p>
      ) : (
        <>
          {props.code && (
            <div>
              <p class="small">{t.linkHint}</p>
              <ul class="plain-list">
                {props.bots.telegram && (
                  <li>
                    <a
                      class="break"
                      href={`https://t.me/${props.bots.telegram}?start=${props.code}`}
                      data-testid="account-telegram-link"
                    >{`https://t.me/${props.bots.telegram}?start=${props.code}`}</a>
                  </li>
                )}
                {props.bots.max && (
                  <li>
                    <a class="break" href={maxConnectLink(props.bots.max, props.code)} data-testid="account-max-link">
                      {maxConnectLink(props.bots.max, props.code)}
                    </a>
                  </li>
                )}
              </ul>
              <p class="muted small">{fill(t.command, { command: `/start ${props.code}` })}</p>
            </div>
          )}
          <PostButton
            action="/admin/account/messenger-link"
            label={props.code ? t.again : t.make}
            class="btn secondary"
          />
        </>
      )}
    </section>
  );
}
