import { catalogue } from './catalogue';

/**
 * The consent document (152-FZ) the owner starts from. It names the business as the operator, so
 * a customer knows whom they give their contact to; while the owner keeps it unchanged it is not
 * stored, and follows the business name when that changes (db/settings.ts). The complaint page
 * shows the Russian one: it is the document a Russian operator answers for.
 */
export const consent = catalogue(
  {
    document: `Согласие на обработку персональных данных

Оставляя контакт (номер телефона, адрес электронной почты или имя пользователя в Telegram) на странице жалобы, я свободно, своей волей и в своём интересе даю согласие {business} (далее — оператор) на обработку этого контакта.

Цель обработки: связаться со мной по поводу моей жалобы и решить вопрос.

Действия с данными: сбор, запись, хранение, использование для связи со мной, удаление. Данные не передаются третьим лицам для других целей и не используются для рекламы.

Срок: до решения вопроса, но не дольше срока хранения, установленного оператором; после этого контакт удаляется.

Я могу отозвать согласие в любой момент, написав оператору по контактам, указанным на странице жалобы. Без контакта жалоба всё равно принимается.`,
    /** Where neither a business name nor a location is known yet (a fresh deployment). */
    unnamedBusiness: 'компании, принявшей жалобу',
  },
  {
    document: `Consent to the processing of personal data

By leaving a contact (a phone number, an e-mail address or a Telegram user name) on the complaint page, I freely, of my own will and in my own interest consent to {business} (the operator) processing this contact.

Purpose: to contact me about my complaint and resolve it.

What is done with the data: collection, recording, storage, use to contact me, deletion. The data is not passed to third parties for other purposes and is not used for advertising.

Term: until the matter is resolved, but no longer than the retention period set by the operator; the contact is deleted after that.

I may withdraw my consent at any time by writing to the operator at the contacts given on the complaint page. A complaint is accepted without a contact as well.`,
    unnamedBusiness: 'the company that received the complaint',
  },
);
