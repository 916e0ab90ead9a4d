import { catalogue } from './catalogue';

/** The public reply: written on a complaint's page, read by the card's holder; its templates. */
export const replyText = catalogue(
  {
    admin: {
      heading: 'Публичный ответ',
      publicWarning:
        'Ответ публичный: его прочтёт любой, у кого в руках эта открытка, когда отсканирует QR-код жалобы. Комментарий, контакт и причина жалобы рядом с ответом не показываются, но не пишите в нём имён, телефонов и адресов.',
      label: 'Текст ответа',
      hint: 'До {count} символов. Клиенту не нужно оставлять контакт, чтобы его прочесть.',
      publish: 'Опубликовать ответ',
      update: 'Заменить ответ',
      remove: 'Убрать ответ',
      current: 'Опубликован {date}. Так его видит клиент:',
      none: 'Ответа пока нет.',
      templates: 'Шаблоны',
      templatesHint: 'Нажмите на шаблон, чтобы подставить его в поле ответа.',
      noTemplates: 'Шаблонов пока нет.',
      editTemplates: 'Изменить шаблоны',
      errors: {
        empty: 'Напишите ответ (до {count} символов).',
        tooLong: 'Не длиннее {count} символов, сейчас {length}.',
      },
      events: {
        replied: 'Опубликован ответ клиенту',
        replyEdited: 'Ответ клиенту заменён',
        replyRemoved: 'Ответ клиенту убран',
      },
    },
    templates: {
      title: 'Шаблоны ответов: {name}',
      intro:
        'Короткие готовые ответы, которые на странице жалобы подставляются в поле ответа одним нажатием. Ответ видит любой, у кого в руках открытка: пишите без имён и контактов. Не больше {max} шаблонов.',
      back: 'К точке',
      text: 'Текст шаблона',
      add: 'Добавить шаблон',
      save: 'Сохранить',
      delete: 'Удалить',
      empty: 'Шаблонов пока нет. Например: «Извините, курьер опоздал; мы вернули доставку в ваш следующий заказ».',
      saved: 'Сохранено.',
      full: 'Уже {max} шаблонов: удалите ненужный, чтобы добавить новый.',
    },
    public: {
      heading: 'Ответ на жалобу',
      at: 'Ответили {date}',
      waiting: 'Ответ появится здесь, как только мы его напишем. Эту страницу можно не закрывать.',
    },
  },
  {
    admin: {
      heading: 'Public reply',
      publicWarning:
        'The reply is public: anyone holding this card reads it when they scan its complaint code. The comment, contact and reason are never shown with it, but keep names, phone numbers and addresses out of it.',
      label: 'Reply',
      hint: 'Up to {count} characters. The customer needs to leave no contact to read it.',
      publish: 'Publish the reply',
      update: 'Replace the reply',
      remove: 'Remove the reply',
      current: 'Published {date}. This is what the customer sees:',
      none: 'No reply yet.',
      templates: 'Templates',
      templatesHint: 'Tap a template to put it into the reply box.',
      noTemplates: 'No templates yet.',
      editTemplates: 'Edit the templates',
      errors: {
        empty: 'Write a reply (up to {count} characters).',
        tooLong: 'At most {count} characters; this one has {length}.',
      },
      events: {
        replied: 'Reply to the customer published',
        replyEdited: 'Reply to the customer replaced',
        replyRemoved: 'Reply to the customer removed',
      },
    },
    templates: {
      title: 'Reply templates: {name}',
      intro:
        'Short ready replies, put into the reply box of a complaint with one tap. Anyone holding the card reads a reply: write without names or contacts. At most {max} templates.',
      back: 'Back to the location',
      text: 'Template text',
      add: 'Add the template',
      save: 'Save',
      delete: 'Delete',
      empty: 'No templates yet. For example: “Sorry, the courier was late; your next delivery is on us.”',
      saved: 'Saved.',
      full: 'There are {max} templates already: delete one to add another.',
    },
    public: {
      heading: 'Reply to the complaint',
      at: 'Replied {date}',
      waiting: 'The reply will appear here as soon as we write it. You may keep this page open.',
    },
  },
);
