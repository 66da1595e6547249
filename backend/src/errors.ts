// Every error the API returns has one shape, `{ error: { code, message } }`: a stable code for
// programs and a Russian message for people. The catalogue below is the one place both live.

export const errorCatalogue = {
  BAD_REQUEST: { status: 400, message: 'Некорректный запрос' },
  VALIDATION_FAILED: { status: 400, message: 'Проверьте введённые данные' },
  BAD_URL: { status: 400, message: 'Некорректный адрес запроса' },
  WEAK_PASSWORD: { status: 400, message: 'Пароль слишком простой' },
  LEAD_REASON_REQUIRED: { status: 400, message: 'Укажите причину отказа' },
  LEAD_PERIOD_INVALID: { status: 400, message: 'Конец периода раньше его начала: проверьте даты' },
  DIALOG_PERIOD_INVALID: { status: 400, message: 'Конец периода раньше его начала: проверьте даты' },
  DASHBOARD_PERIOD_INVALID: {
    status: 400,
    message: 'Проверьте период: нужны даты «с» и «по», не дальше года друг от друга',
  },
  TELEGRAM_TOKEN_INVALID: {
    status: 400,
    message: 'Telegram не принял токен. Скопируйте его из @BotFather целиком, вместе с цифрами до двоеточия',
  },
  STEP_UNKNOWN: { status: 400, message: 'Такого вопроса нет в опросе' },
  FILE_REQUIRED: { status: 400, message: 'Выберите файл для загрузки' },
  UPLOAD_MALFORMED: {
    status: 400,
    message: 'Файл не удалось получить: запрос повреждён. Загрузите файл ещё раз',
  },
  UNSUPPORTED_IMAGE: { status: 400, message: 'Загрузите изображение в формате PNG, JPEG или WebP' },
  WEBHOOK_URL_REFUSED: { status: 400, message: 'Этот адрес нельзя использовать для webhook' },
  AMOCRM_SETTINGS_INVALID: { status: 400, message: 'Проверьте настройки amoCRM' },
  AMOCRM_CALLBACK_INVALID: { status: 400, message: 'amoCRM вернула некорректный ответ. Подключите amoCRM ещё раз' },
  DOMAIN_INVALID: { status: 400, message: 'Укажите домен, например chat.company.ru' },
  LINK_INVALID: { status: 403, message: 'Ссылка недействительна' },
  UNAUTHENTICATED: { status: 401, message: 'Войдите в систему' },
  INVALID_CREDENTIALS: { status: 401, message: 'Неверный email или пароль' },
  WRONG_PASSWORD: { status: 400, message: 'Текущий пароль указан неверно' },
  FORBIDDEN: { status: 403, message: 'Недостаточно прав для этого действия' },
  PLAN_FEATURE_REQUIRED: {
    status: 403,
    message: 'На вашем тарифе это недоступно. Сменить тариф можно в разделе «Тариф»',
  },
  CSRF_FAILED: { status: 403, message: 'Запрос отклонён из соображений безопасности. Обновите страницу и повторите' },
  TENANT_SUSPENDED: {
    status: 403,
    message: 'Доступ компании приостановлен. Свяжитесь с поддержкой AI Max',
  },
  NOT_FOUND: { status: 404, message: 'Не найдено' },
  ROUTE_NOT_FOUND: { status: 404, message: 'Такого адреса API нет' },
  INVITE_INVALID: { status: 404, message: 'Приглашение не найдено или отозвано' },
  SESSION_NOT_FOUND: { status: 404, message: 'Диалог не найден. Обновите страницу, чтобы начать заново' },
  DELIVERY_NOT_FOUND: { status: 404, message: 'Доставка не найдена' },
  INVOICE_NOT_FOUND: { status: 404, message: 'Счёт не найден' },
  PAYMENT_NOT_FOUND: { status: 404, message: 'Платёж не найден' },
  ONLINE_PAYMENT_UNAVAILABLE: {
    status: 404,
    message: 'Онлайн-оплата пока не подключена. Оплатите счёт банковским переводом по реквизитам из PDF',
  },
  LEAD_NOT_FOUND: { status: 404, message: 'Заявка не найдена' },
  DIALOG_NOT_FOUND: { status: 404, message: 'Диалог не найден' },
  DOMAIN_NOT_FOUND: { status: 404, message: 'Домен ещё не указан' },
  KB_ENTRY_NOT_FOUND: { status: 404, message: 'Материал базы знаний не найден' },
  KB_MESSAGE_NOT_FOUND: { status: 404, message: 'Сообщение менеджера не найдено в этом диалоге' },
  LEAD_ASSIGNEE_NOT_FOUND: { status: 404, message: 'Такого сотрудника нет в вашей компании' },
  WIDGET_NOT_FOUND: { status: 404, message: 'Виджет с таким ключом не найден или отключён' },
  TELEGRAM_BOT_NOT_FOUND: {
    status: 404,
    message: 'Telegram-бот ещё не подключён. Владелец подключает его в «Интеграциях»',
  },
  TELEGRAM_NO_CHATS: {
    status: 409,
    message: 'Некому отправить: никто из команды ещё не привязал Telegram. Откройте ссылку привязки в профиле',
  },
  EMAIL_NOT_FOUND: { status: 404, message: 'Письмо не найдено' },
  EMAIL_TAKEN: { status: 409, message: 'Этот email уже зарегистрирован' },
  DOMAIN_TAKEN: {
    status: 409,
    message: 'Этот домен уже подтверждён другой компанией. Если он ваш, напишите в поддержку',
  },
  STEP_OUT_OF_ORDER: { status: 409, message: 'Сначала ответьте на предыдущие вопросы' },
  FUNNEL_COMPLETED: { status: 409, message: 'Расчёт уже завершён' },
  FUNNEL_INCOMPLETE: { status: 409, message: 'Опрос ещё не завершён' },
  FUNNEL_INVALID: { status: 400, message: 'В воронке есть ошибки: исправьте отмеченные поля' },
  FUNNEL_CONFLICT: {
    status: 409,
    message:
      'Воронку уже сохранили в другой вкладке или другой сотрудник. Обновите страницу, чтобы увидеть новую версию',
  },
  FUNNEL_VERSION_NOT_FOUND: { status: 404, message: 'Такой версии воронки нет' },
  STORAGE_LIMIT_REACHED: {
    status: 409,
    message: 'Место для файлов на вашем тарифе закончилось. Удалите ненужное или перейдите на тариф выше',
  },
  KB_DOCUMENTS_LIMIT_REACHED: {
    status: 409,
    message:
      'На вашем тарифе больше нет места для документов базы знаний. Удалите ненужные или перейдите на тариф выше',
  },
  BILLING_PROFILE_REQUIRED: {
    status: 409,
    message: 'Сначала заполните реквизиты компании: они нужны для счёта',
  },
  SELLER_NOT_CONFIGURED: {
    status: 409,
    message: 'Оплата по счёту пока недоступна: реквизиты платформы ещё не заполнены. Напишите в поддержку',
  },
  DELIVERY_NOT_RETRYABLE: { status: 409, message: 'Эта доставка уже выполнена: повторять её не нужно' },
  AMOCRM_NOT_CONFIGURED: {
    status: 409,
    message: 'Интеграция с amoCRM ещё не настроена на платформе. Напишите в поддержку AI Max',
  },
  AMOCRM_NOT_CONNECTED: { status: 409, message: 'amoCRM ещё не подключена' },
  AMOCRM_REAUTH_REQUIRED: {
    status: 409,
    message: 'amoCRM больше не принимает наш доступ: нажмите «Переподключить». Заявки подождут и уйдут после этого',
  },
  WEBHOOK_NOT_FOUND: { status: 404, message: 'Webhook ещё не настроен' },
  INVOICE_CANCELLED: { status: 409, message: 'Счёт отменён, его нельзя отметить оплаченным' },
  INVOICE_PAID: { status: 409, message: 'Счёт уже оплачен, его нельзя отменить' },
  INVOICE_NOT_PAYABLE: { status: 409, message: 'Этот счёт уже оплачен или отменён: оплачивать его не нужно' },
  PAYMENT_NOT_REFUNDABLE: {
    status: 409,
    message: 'Вернуть можно только прошедший онлайн-платёж, по которому ещё не было возврата',
  },
  PAYMENT_REFUSED: { status: 409, message: 'ЮKassa отклонила запрос' },
  LEAD_EXPORT_TOO_LARGE: {
    status: 409,
    message: 'Слишком много заявок для одной выгрузки (больше 10 000). Выберите период короче',
  },
  DIALOG_CLOSED: { status: 409, message: 'Диалог закрыт. Он откроется снова, когда посетитель напишет' },
  DIALOG_HELD: { status: 409, message: 'Диалог ведёт другой менеджер' },
  CANNOT_REMOVE_SELF: { status: 409, message: 'Нельзя удалить собственную учётную запись' },
  INVITE_EXPIRED: { status: 410, message: 'Срок действия приглашения истёк. Попросите владельца прислать новое' },
  INVITE_USED: { status: 410, message: 'Это приглашение уже использовано' },
  LINK_EXPIRED: { status: 410, message: 'Срок действия ссылки истёк. Запросите документ заново' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Слишком большой запрос' },
  FILE_TOO_LARGE: { status: 413, message: 'Файл слишком большой: не больше 2 МБ' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Неподдерживаемый формат данных' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Слишком много попыток. Повторите позже' },
  RATE_LIMITED: { status: 429, message: 'Слишком много запросов. Подождите немного и повторите' },
  INTERNAL: { status: 500, message: 'Внутренняя ошибка сервера. Попробуйте ещё раз чуть позже' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'База данных недоступна' },
  TELEGRAM_UNAVAILABLE: { status: 502, message: 'Telegram не ответил. Попробуйте ещё раз через минуту' },
  AMOCRM_UNAVAILABLE: { status: 502, message: 'amoCRM не ответила. Попробуйте ещё раз через минуту' },
  PAYMENT_PROVIDER_UNAVAILABLE: {
    status: 502,
    message: 'ЮKassa сейчас не отвечает. Попробуйте ещё раз через минуту или оплатите по счёту',
  },
  PDF_UNAVAILABLE: { status: 503, message: 'Не удалось сформировать PDF. Попробуйте ещё раз через минуту' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** Per-field messages for forms, keyed by the field's name. */
    fields?: Record<string, string>;
  };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  /** Headers the response should carry, such as Retry-After. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const entry = errorCatalogue[code];
    super(options.message ?? entry.message);
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}
