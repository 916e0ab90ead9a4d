/**
 * The consent document (152-FZ) the owner starts from. It names the business as the operator, so
 * a customer knows whom they give their contact to; while the owner keeps it unchanged it is not
 * stored, and follows the business name when that changes.
 */
export function defaultConsentText(business: string): string {
  return `Согласие на обработку персональных данных

Оставляя контакт (номер телефона, адрес электронной почты или имя пользователя в Telegram) на странице жалобы, я свободно, своей волей и в своём интересе даю согласие ${business} (далее — оператор) на обработку этого контакта.

Цель обработки: связаться со мной по поводу моей жалобы и решить вопрос.

Действия с данными: сбор, запись, хранение, использование для связи со мной, удаление. Данные не передаются третьим лицам для других целей и не используются для рекламы.

Срок: до решения вопроса, но не дольше срока хранения, установленного оператором; после этого контакт удаляется.

Я могу отозвать согласие в любой момент, написав оператору по контактам, указанным на странице жалобы. Без контакта жалоба всё равно принимается.`;
}

/** Where neither a business name nor a location is known yet (a fresh deployment). */
export const UNNAMED_BUSINESS = 'компании, принявшей жалобу';

/** The text to store for what the owner typed: empty while it is the default for the old or new name. */
export function consentToStore(typed: string, oldName: string, newName: string): string {
  const text = typed.replace(/\r\n/g, '\n').trim();
  const defaults = [oldName, newName, ''].map((name) => defaultConsentText(name || UNNAMED_BUSINESS));
  return defaults.includes(text) ? '' : text;
}
