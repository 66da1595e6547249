// Everything the widget says to a visitor, in Russian. Kept apart from the admin catalogue so that
// neither bundle carries the other's texts; the loader imports only `loaderText`, so the chat's
// texts stay out of the script every page of a customer's site loads.

export const loaderText = {
  open: 'Открыть чат',
  close: 'Закрыть чат',
  frameTitle: 'Чат: расчёт стоимости ремонта',
};

export const t = {
  locale: 'ru-RU',
  header: {
    online: 'онлайн',
    close: 'Свернуть чат',
    callOperator: 'Позвать менеджера',
    operatorOnline: (name: string) => `Менеджер ${name} в чате`,
    waiting: 'Ждём менеджера…',
  },
  progress: {
    step: (current: number, total: number) => `Шаг ${current} из ${total}`,
    done: 'Расчёт готов',
    label: 'Прогресс расчёта',
  },
  conversation: {
    region: 'Переписка',
    label: 'Сообщения',
    operator: 'Менеджер',
    you: 'Вы',
    typing: (name: string) => `${name} печатает…`,
    reconnecting: 'Нет связи с сервером. Переподключаемся…',
    notSent: 'Не отправлено — повторить',
    sending: 'Отправляется…',
  },
  loading: {
    label: 'Загружаем чат…',
    failed: 'Не удалось загрузить чат',
    retry: 'Попробовать ещё раз',
  },
  composer: {
    label: 'Ваш вопрос',
    placeholder: 'Задайте вопрос…',
    send: 'Отправить',
    hint: 'Enter — отправить, Shift+Enter — новая строка',
  },
  funnel: {
    regionLabel: (title: string) => `Ответ на вопрос: ${title}`,
    next: 'Далее',
    numberRange: (min: number, max: number, unit: string | undefined) => `От ${min} до ${max}${unit ? ` ${unit}` : ''}`,
    numberRequired: 'Введите число',
    numberInvalid: 'Введите число цифрами, например 54',
    numberWhole: 'Введите целое число',
    numberTooSmall: (min: number, unit: string | undefined) => `Не меньше ${min}${unit ? ` ${unit}` : ''}`,
    numberTooLarge: (max: number, unit: string | undefined) => `Не больше ${max}${unit ? ` ${unit}` : ''}`,
    name: 'Имя',
    namePlaceholder: 'Как к вам обращаться',
    nameRequired: 'Укажите имя',
    nameTooLong: 'Имя не длиннее 100 символов',
    phone: 'Телефон',
    phonePlaceholder: '+7 900 123-45-67',
    phoneHint: 'Российский номер: +7 и десять цифр',
    phoneRequired: 'Укажите телефон',
    phoneInvalid: 'Проверьте номер: нужно 10 цифр после +7, например +7 900 123-45-67',
    consentRequired: 'Нужно ваше согласие на обработку персональных данных',
    submitContacts: 'Получить смету',
  },
  estimate: {
    title: 'Предварительная смета',
    range: 'Стоимость ремонта',
    from: 'от',
    to: 'до',
    total: 'Итого по расчёту',
    note: 'Точную стоимость менеджер назовёт после замера.',
    download: 'Скачать смету (PDF)',
    preparing: 'Готовим PDF…',
    tabTitle: 'Смета — AI Max',
    tabText: 'Готовим вашу смету…',
  },
  errors: {
    network: 'Нет связи с сервером. Проверьте интернет и попробуйте ещё раз',
    unexpected: 'Что-то пошло не так. Попробуйте ещё раз',
    popupBlocked: 'Браузер не дал открыть новую вкладку. Откройте смету по ссылке:',
  },
  poweredBy: 'Работает на AI Max',
};
