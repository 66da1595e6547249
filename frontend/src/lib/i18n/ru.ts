// Every Russian text of the admin panel. Components read texts from here (through `t`), never
// inline, so a second language is one more object of the same `Messages` type.
import type {
  BillingProfileInput,
  InvoiceView,
  PlatformEmailView,
  PlatformSetupView,
  PlatformTenantView,
  SessionView,
  UsageItem,
} from '@aimax/backend/contracts';
import { plural } from './plural';

type Role = SessionView['user']['role'];
type Plan = PlatformTenantView['plan'];
type TenantStatus = PlatformTenantView['status'];
type UsageResource = UsageItem['resource'];
type LegalForm = BillingProfileInput['legalForm'];
type InvoiceStatus = InvoiceView['status'];
type EmailStatus = PlatformEmailView['status'];

/** What a usage meter says about one resource: in the list, and in the banner over every page. */
interface ResourceTexts {
  label: string;
  hint: string;
  /** The banner from 80 % of the limit. */
  warning: (percent: number) => string;
  /** The banner once the limit is reached. */
  reached: string;
  /** Under the meter once the limit is reached. */
  reachedShort: string;
}

const members = (count: number) => `${count} ${plural(count, ['сотрудник', 'сотрудника', 'сотрудников'])}`;
const leads = (count: number) => `${count} ${plural(count, ['заявка', 'заявки', 'заявок'])}`;
const months = (count: number) => `${count} ${plural(count, ['месяц', 'месяца', 'месяцев'])}`;

export const ru = {
  product: {
    name: 'AI Max',
    tagline: 'AI-консультант для ремонтных компаний',
  },

  roles: {
    superadmin: 'Администратор платформы',
    owner: 'Владелец',
    manager: 'Менеджер',
  } satisfies Record<Role, string>,

  plans: {
    free: 'Free',
    start: 'Старт',
    business: 'Бизнес',
    enterprise: 'Enterprise',
  } satisfies Record<Plan, string>,

  tenantStatuses: {
    active: 'Активна',
    suspended: 'Приостановлена',
  } satisfies Record<TenantStatus, string>,

  legalForms: {
    company: 'Организация',
    entrepreneur: 'ИП',
  } satisfies Record<LegalForm, string>,

  invoiceStatuses: {
    issued: 'Ожидает оплаты',
    overdue: 'Просрочен',
    paid: 'Оплачен',
    cancelled: 'Отменён',
  } satisfies Record<InvoiceStatus, string>,

  emailStatuses: {
    pending: 'В очереди',
    sent: 'Отправлено',
    failed: 'Не отправлено',
  } satisfies Record<EmailStatus, string>,

  /** The kinds of email the outbox sends, by the `kind` the API gives them. */
  emailKinds: {
    invoice_issued: 'Новый счёт',
    payment_received: 'Оплата получена',
    plan_expires_7d: 'Тариф заканчивается через 7 дней',
    plan_expires_3d: 'Тариф заканчивается через 3 дня',
    plan_expired: 'Тариф закончился',
  } as Record<string, string>,

  /** «3 месяца»: a plan's term. */
  months,

  units: {
    bytes: 'Б',
    kilobytes: 'КБ',
    megabytes: 'МБ',
    gigabytes: 'ГБ',
  },

  common: {
    cancel: 'Отмена',
    close: 'Закрыть',
    retry: 'Повторить',
    loading: 'Загрузка…',
    toHome: 'На главную',
    you: 'вы',
    never: 'ещё не входил',
    noValue: '—',
    openMenu: 'Открыть меню',
    closeMenu: 'Закрыть меню',
    soon: 'Скоро',
    showPassword: 'Показать пароль',
    hidePassword: 'Скрыть пароль',
  },

  support: {
    title: 'Поддержка AI Max',
  },

  errors: {
    network: 'Нет связи с сервером. Проверьте подключение к интернету и повторите',
    unexpected: 'Сервер ответил неожиданно. Попробуйте ещё раз чуть позже',
    loadFailed: 'Не удалось загрузить данные',
    sessionFailed: 'Не удалось открыть панель управления',
    crashTitle: 'Что-то пошло не так',
    crashText: 'На странице произошла ошибка. Обновите её — обычно это помогает.',
    reload: 'Обновить страницу',
  },

  fields: {
    companyName: 'Название компании',
    companyNamePlaceholder: 'Например, «Ремонт Плюс»',
    name: 'Ваше имя',
    namePlaceholder: 'Как к вам обращаться',
    memberName: 'Имя сотрудника',
    email: 'Email',
    emailPlaceholder: 'name@company.ru',
    password: 'Пароль',
    passwordHint: 'Не короче 8 символов и не из списка самых распространённых паролей',
    currentPassword: 'Текущий пароль',
    newPassword: 'Новый пароль',
    role: 'Роль',
  },

  auth: {
    pitch: {
      title: 'Превращайте посетителей сайта в заявки на ремонт',
      points: [
        'Квиз-воронка с расчётом сметы в PDF',
        'Ответы на вопросы по вашей базе знаний',
        'Заявки сразу в Telegram и amoCRM',
      ],
      preview: {
        bot: 'Ассистент AI Max',
        online: 'онлайн',
        question: 'Здравствуйте! Рассчитаю стоимость ремонта за пару минут. Что будем ремонтировать?',
        options: ['Квартиру', 'Дом', 'Офис'],
        answer: 'Квартиру, 54 м²',
      },
    },
    login: {
      title: 'Вход в AI Max',
      subtitle: 'Рады видеть вас снова',
      submit: 'Войти',
      noAccount: 'Ещё нет аккаунта?',
      toSignup: 'Зарегистрировать компанию',
      expired: 'Сеанс завершён. Войдите снова, чтобы продолжить',
    },
    signup: {
      title: 'Регистрация компании',
      subtitle: 'Тариф Free, без карты и без ограничений по времени',
      submit: 'Создать аккаунт',
      haveAccount: 'Уже есть аккаунт?',
      toLogin: 'Войти',
    },
  },

  invite: {
    loading: 'Проверяем приглашение…',
    title: (companyName: string) => `Приглашение в «${companyName}»`,
    subtitle: (role: string) => `Вас приглашают в команду с ролью «${role}». Создайте учётную запись, чтобы начать.`,
    validUntil: (date: string) => `Приглашение действует до ${date}`,
    submit: 'Принять приглашение',
    invalid: {
      title: 'Приглашение не найдено',
      text: 'Ссылка неверна или приглашение отозвано. Попросите владельца компании прислать новую.',
    },
    expired: {
      title: 'Срок приглашения истёк',
      text: 'Приглашение действует 7 дней. Попросите владельца компании прислать новую ссылку.',
    },
    used: {
      title: 'Приглашение уже использовано',
      text: 'По этой ссылке уже создана учётная запись. Если это были вы, просто войдите.',
    },
    toLogin: 'Перейти ко входу',
  },

  nav: {
    label: 'Основная навигация',
    groups: {
      work: 'Работа',
      settings: 'Настройки',
      platform: 'Платформа',
    },
    dashboard: 'Дашборд',
    leads: 'Заявки',
    dialogs: 'Диалоги',
    knowledge: 'База знаний',
    funnel: 'Воронка',
    branding: 'Брендинг',
    widget: 'Виджет на сайте',
    integrations: 'Интеграции',
    billing: 'Тарифы и оплата',
    team: 'Команда',
    tenants: 'Компании',
    invoices: 'Счета',
    emails: 'Письма',
    seller: 'Реквизиты',
  },

  shell: {
    platformName: 'Платформа AI Max',
    userMenu: 'Меню пользователя',
    changePassword: 'Сменить пароль',
    notifications: 'Уведомления',
    logout: 'Выйти',
    planBadge: (plan: string) => `Тариф ${plan}`,
  },

  forbidden: {
    title: 'Нет доступа',
    ownersOnly: 'Этот раздел доступен только владельцу компании. Если он вам нужен, обратитесь к владельцу.',
    platformOnly: 'Этот раздел доступен только администратору платформы AI Max.',
    companiesOnly: 'Этот раздел — часть кабинета компании, а у администратора платформы своей компании нет.',
  },

  notFound: {
    title: 'Страница не найдена',
    text: 'Возможно, адрес набран с ошибкой или раздел переехал.',
  },

  dashboard: {
    greeting: (name: string) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
    subtitle: (companyName: string) => `Панель управления компании «${companyName}»`,
    plan: {
      title: 'Ваш тариф',
      expires: (date: string) => `Действует до ${date}`,
      noExpiry: 'Бессрочно',
      freeText: 'Базовые возможности виджета с месячными лимитами. Больше диалогов и интеграции — на платных тарифах.',
      paidText: 'Лимиты тарифа обновляются каждый месяц.',
      compare: 'Тарифы и оплата',
    },
    checklist: {
      title: 'С чего начать',
      subtitle: 'Пять шагов, чтобы виджет начал приводить заявки',
      progress: (done: number, total: number) => `Выполнено ${done} из ${total}`,
      done: 'Готово',
      steps: {
        team: {
          title: 'Пригласите команду',
          text: 'Добавьте менеджеров, которые будут отвечать посетителям и разбирать заявки.',
        },
        funnel: {
          title: 'Настройте воронку',
          text: 'Выберите шаги квиза: тип объекта, вид ремонта, площадь и дополнительные опции.',
        },
        branding: {
          title: 'Оформите виджет',
          text: 'Цвета, логотип, имя и аватар бота — чтобы виджет выглядел как часть вашего сайта.',
        },
        knowledge: {
          title: 'Заполните базу знаний',
          text: 'Загрузите прайс, описание услуг и ответы на частые вопросы — бот будет опираться на них.',
        },
        widget: {
          title: 'Установите виджет на сайт',
          text: 'Вставьте одну строку кода на лендинг, и виджет начнёт работать.',
        },
      },
    },
    leads: {
      title: 'Заявки',
      total: leads,
      latest: (date: string) => `Последняя — ${date}`,
      none: 'Заявки появятся, когда посетители сайта пройдут расчёт в виджете.',
      open: 'Все заявки',
    },
    managerLinks: {
      title: 'Ваши разделы',
      leads: 'Контакты, ответы и смета каждого, кто прошёл расчёт в виджете',
      dialogs: 'Переписка с посетителями и перехват диалога у бота',
      knowledge: 'Материалы, на которые опирается бот в ответах',
    },
  },

  sections: {
    knowledge:
      'Здесь вы будете загружать документы и ответы на частые вопросы, по которым бот консультирует посетителей.',
    funnel: 'Здесь можно будет включать и выключать шаги квиза, по которым посетитель получает расчёт сметы.',
    integrations:
      'Здесь появятся подключения к Telegram, amoCRM и Яндекс Метрике, чтобы заявки сразу попадали в работу.',
    comingSoon: 'Раздел в разработке',
  },

  team: {
    title: 'Команда',
    subtitle: 'Сотрудники, у которых есть доступ к панели управления',
    addMember: 'Добавить сотрудника',
    inviteByLink: 'Пригласить по ссылке',
    members: {
      title: 'Сотрудники',
      count: members,
      name: 'Имя',
      email: 'Email',
      role: 'Роль',
      lastLogin: 'Последний вход',
      leadEmails: 'Письма о заявках',
      leadEmailsLabel: (name: string) => `Письма о новых заявках для ${name}`,
      leadEmailsOn: (name: string) => `${name} будет получать письма о новых заявках`,
      leadEmailsOff: (name: string) => `${name} больше не получает письма о новых заявках`,
      actions: 'Действия',
      remove: (name: string) => `Удалить сотрудника ${name}`,
    },
    remove: {
      title: 'Удалить сотрудника?',
      text: (name: string) => `${name} потеряет доступ к панели управления, все его сеансы будут завершены.`,
      confirm: 'Удалить',
      done: 'Сотрудник удалён',
    },
    invites: {
      title: 'Активные приглашения',
      empty: 'Нет активных приглашений',
      emptyHint: 'Созданные ссылки появятся здесь до тех пор, пока их не примут или не отзовут.',
      createdBy: (name: string, date: string) => `Создал ${name}, ${date}`,
      createdAt: (date: string) => `Создано ${date}`,
      expires: (date: string) => `Действует до ${date}`,
      revoke: 'Отозвать',
      revokeLabel: 'Отозвать приглашение',
      revokeTitle: 'Отозвать приглашение?',
      revokeText: 'Ссылка перестанет работать. Если её уже отправили, по ней нельзя будет зарегистрироваться.',
      revoked: 'Приглашение отозвано',
    },
    add: {
      title: 'Новый сотрудник',
      text: 'Задайте сотруднику пароль и передайте его лично — сотрудник сможет сменить его после входа.',
      submit: 'Добавить',
      done: (name: string) => `${name} добавлен(а) в команду`,
    },
    inviteDialog: {
      title: 'Приглашение по ссылке',
      text: 'Сотрудник сам укажет имя, email и пароль, перейдя по ссылке.',
      roleLabel: 'Кого приглашаем',
      roleHints: {
        manager: 'Диалоги и база знаний',
        owner: 'Полный доступ, включая команду и оплату',
      },
      submit: 'Создать ссылку',
      linkLabel: 'Ссылка-приглашение',
      copy: 'Копировать',
      copied: 'Скопировано',
      copyFailed: 'Не удалось скопировать — выделите ссылку и скопируйте вручную',
      once: 'Ссылка действует 7 дней и показывается только один раз. Скопируйте её сейчас и отправьте сотруднику.',
      done: 'Готово',
    },
  },

  branding: {
    title: 'Брендинг',
    subtitle: 'Как виджет выглядит на вашем сайте и что клиенты видят в сметах',
    company: {
      title: 'Оформление компании',
      description: 'Название, цвета и приветствие в виджете, контакты в PDF-сметах',
      logo: 'Логотип компании',
      logoHint: 'В шапке виджета и в сметах. Лучше всего смотрится горизонтальный логотип на прозрачном фоне',
      name: 'Название в виджете',
      nameHint: (name: string) => `Если оставить пустым, будет показано «${name}»`,
      primaryColor: 'Основной цвет',
      primaryHint: 'Кнопка виджета, шапка чата, сообщения посетителя',
      accentColor: 'Акцентный цвет',
      accentHint: 'Кнопки быстрых ответов',
      welcomeTitle: 'Заголовок приветствия',
      welcomeText: 'Текст приветствия',
      contacts: 'Контакты для смет',
      contactsHint: 'Печатаются в шапке каждой PDF-сметы. Пустые поля не показываются',
      phone: 'Телефон',
      phonePlaceholder: '+7 (495) 123-45-67',
      email: 'Email',
      emailPlaceholder: 'hello@remont.ru',
      address: 'Адрес',
      addressPlaceholder: 'Москва, ул. Строителей, 1',
      website: 'Сайт',
      websitePlaceholder: 'remont.ru',
      saved: 'Оформление сохранено',
    },
    bot: {
      title: 'Бот',
      description: 'Как зовут консультанта и с чего он начинает разговор',
      avatar: 'Аватар бота',
      avatarHint: 'Квадратное изображение: в чате оно будет обрезано по кругу',
      name: 'Имя бота',
      namePlaceholder: 'Например, Алиса',
      greeting: 'Приветствие',
      greetingHint: 'Первое сообщение бота, когда посетитель открывает чат',
      saved: 'Настройки бота сохранены',
    },
    color: {
      invalid: 'Цвет в формате #RRGGBB, например #4F46E5',
      picker: (label: string) => `${label}: выбрать на палитре`,
    },
    upload: {
      choose: 'Выбрать файл',
      replace: 'Заменить',
      delete: 'Удалить',
      drop: 'Перетащите изображение сюда или выберите файл',
      dropActive: 'Отпустите, чтобы загрузить',
      formats: 'PNG, JPEG или WebP, до 2 МБ',
      progress: (percent: number) => `Загружаем… ${percent}%`,
      processing: 'Обрабатываем изображение…',
      wrongType: 'Загрузите изображение в формате PNG, JPEG или WebP',
      tooLarge: 'Файл слишком большой: не больше 2 МБ',
      current: (label: string) => `${label}: загруженное изображение`,
      logoUploaded: 'Логотип загружен',
      logoDeleted: 'Логотип удалён',
      deleteLogoTitle: 'Удалить логотип?',
      deleteLogoText: 'Виджет и сметы будут без логотипа. Новый можно загрузить в любой момент.',
      avatarUploaded: 'Аватар загружен',
      avatarDeleted: 'Аватар удалён',
      deleteAvatarTitle: 'Удалить аватар бота?',
      deleteAvatarText: 'Вместо картинки в чате будет первая буква имени бота.',
    },
    preview: {
      title: 'Предпросмотр',
      description: 'Так виджет увидят посетители. Меняется по мере ввода, ещё до сохранения',
      show: 'Показать',
      hide: 'Скрыть',
      online: 'онлайн',
      visitorMessage: 'Квартира, 54 м²',
      quickReplies: ['Рассчитать ремонт', 'Задать вопрос'],
      inputPlaceholder: 'Напишите сообщение…',
      poweredBy: 'Работает на AI Max',
      launcher: 'Кнопка виджета',
    },
    estimate: {
      title: 'Смета-образец',
      text: 'PDF с примером расчёта в сохранённом оформлении: логотип, цвета и контакты.',
      button: 'Смета-образец (PDF)',
      busy: 'Формируем PDF…',
      linkNote: 'Ссылка на смету действует несколько минут.',
      opened: (time: string) => `Смета открыта в новой вкладке. Ссылка действует до ${time}`,
      ready: (time: string) => `Смета готова: откройте её по ссылке. Ссылка действует до ${time}`,
      openAgain: 'Открыть смету',
      unsaved: 'Несохранённые изменения в смету не попадут — сначала сохраните их.',
    },
  },

  leads: {
    title: 'Заявки',
    subtitle: 'Посетители сайта, которые прошли расчёт в виджете и оставили контакты',
    total: leads,
    columns: {
      received: 'Получена',
      client: 'Клиент',
      status: 'Этап',
      phone: 'Телефон',
      summary: 'Объект',
      estimate: 'Предварительная смета',
    },
    empty: {
      title: 'Заявок пока нет',
      text: 'Заявка появляется, когда посетитель сайта проходит расчёт в виджете и оставляет телефон. Здесь будут его ответы, смета и переписка с ботом.',
      toWidget: 'Установить виджет на сайт',
    },
    back: 'Все заявки',
    receivedAt: (date: string) => `Заявка от ${date}`,
    statuses: {
      new: 'Новая',
      in_progress: 'В работе',
      measurement: 'Замер назначен',
      contract: 'Договор',
      rejected: 'Отказ',
    },
    tabs: {
      label: 'Этапы',
      all: 'Все',
    },
    filters: {
      title: 'Фильтры',
      assignee: 'Ответственный',
      anyone: 'Все сотрудники',
      nobody: 'Без ответственного',
      from: 'Получены с',
      to: 'по',
      reset: 'Сбросить фильтры',
      nothing: 'Под эти фильтры заявок нет',
      nothingText: 'Измените этап, ответственного или период.',
    },
    export: {
      button: 'Выгрузить',
      label: 'Выгрузить список',
      csv: 'CSV (для Excel)',
      xlsx: 'Excel (XLSX)',
    },
    status: {
      label: 'Этап',
      labelFor: (name: string) => `Этап заявки «${name}»`,
      changed: (status: string) => `Этап: ${status}`,
    },
    reject: {
      title: 'Отказ',
      description: 'Почему клиент отказался? Причина сохранится в истории заявки.',
      reason: 'Причина отказа',
      required: 'Укажите причину отказа',
      placeholder: 'Например: дорого, выбрал другую компанию',
      confirm: 'Отметить отказ',
      cancel: 'Отмена',
    },
    assignee: {
      title: 'Ответственный',
      label: 'Сотрудник',
      nobody: 'Не назначен',
      changed: 'Ответственный назначен',
      cleared: 'Ответственный снят',
    },
    history: {
      title: 'История',
      description: 'Этапы, ответственные и заметки по заявке',
      note: 'Заметка',
      notePlaceholder: 'Например: перезвонить в пятницу после 18:00',
      add: 'Добавить заметку',
      added: 'Заметка добавлена',
      empty: 'Пока ничего не менялось. Заметки и смена этапа появятся здесь.',
      received: 'Заявка получена из виджета',
      status: (from: string, to: string) => `${from} → ${to}`,
      reason: (reason: string) => `Причина: ${reason}`,
      assigned: (name: string) => `Ответственный: ${name}`,
      unassigned: 'Ответственный снят',
      formerMember: 'бывший сотрудник',
    },
    call: 'Позвонить',
    notFound: {
      title: 'Заявка не найдена',
      text: 'Возможно, ссылка набрана с ошибкой или заявка относится к другой компании.',
    },
    pdf: {
      button: 'Смета (PDF)',
      busy: 'Формируем PDF…',
      ready: (time: string) => `Смета готова: откройте её по ссылке. Ссылка действует до ${time}`,
      open: 'Открыть смету',
    },
    contacts: {
      title: 'Контакты',
      name: 'Имя',
      phone: 'Телефон',
      consent: 'Согласие на обработку данных',
    },
    answers: {
      title: 'Ответы',
      description: 'Что посетитель выбрал в расчёте',
      empty: 'Посетитель не отвечал на вопросы расчёта.',
    },
    estimate: {
      title: 'Смета',
      description: 'Расчёт, который посетитель получил в виджете',
      work: 'Работы',
      amount: 'Сумма',
      total: 'Итого по расчёту',
      range: 'Предварительная стоимость для клиента',
    },
    source: {
      title: 'Источник',
      page: 'Страница',
      unknownPage: 'Неизвестна: виджет не передал адрес страницы',
      utm: 'UTM-метки',
      noUtm: 'Без UTM-меток',
    },
    transcript: {
      title: 'Переписка',
      count: (count: number) => `${count} ${plural(count, ['сообщение', 'сообщения', 'сообщений'])}`,
      empty: 'В переписке нет сообщений.',
      roles: {
        bot: 'Бот',
        visitor: 'Клиент',
        operator: 'Менеджер',
      },
      estimate: 'Расчёт сметы',
    },
  },

  dialogs: {
    title: 'Диалоги',
    subtitle: 'Переписка посетителей сайта с ботом и менеджерами — в реальном времени',
    total: (count: number) => `${count} ${plural(count, ['диалог', 'диалога', 'диалогов'])}`,
    visitor: 'Посетитель',
    states: {
      ai: 'ИИ отвечает',
      waiting_operator: 'Ждёт менеджера',
      operator: 'У менеджера',
      closed: 'Закрыт',
    },
    heldBy: (name: string) => `У менеджера ${name}`,
    tabs: {
      label: 'Кто отвечает',
      all: 'Все',
    },
    filters: {
      search: 'Поиск',
      searchPlaceholder: 'Имя, телефон или слова из переписки',
      from: 'Активны с',
      to: 'по',
      reset: 'Сбросить фильтры',
      nothing: 'Под эти фильтры диалогов нет',
      nothingText: 'Выберите другую вкладку, измените период или поисковый запрос.',
    },
    columns: {
      visitor: 'Посетитель',
      state: 'Кто отвечает',
      lastMessage: 'Последнее сообщение',
      progress: 'Расчёт',
      time: 'Время',
    },
    progress: (answered: number, total: number) => `${answered} из ${total}`,
    progressLabel: (count: string) => `Расчёт: ${count}`,
    authors: {
      bot: 'Бот',
      operator: 'Менеджер',
    },
    noMessages: 'Сообщений пока нет',
    yesterday: 'вчера',
    empty: {
      title: 'Диалогов пока нет',
      text: 'Диалог появляется, когда посетитель сайта пишет в чат виджета. Здесь вы увидите переписку с ботом в реальном времени и сможете ответить сами.',
      toWidget: 'Установить виджет на сайт',
    },
    sound: {
      label: 'Звуковой сигнал, когда посетитель ждёт менеджера',
      on: 'Звуковой сигнал включён',
      off: 'Звуковой сигнал выключен',
    },
    back: 'Все диалоги',
    startedAt: (date: string) => `Начат ${date}`,
    notFound: {
      title: 'Диалог не найден',
      text: 'Возможно, ссылка набрана с ошибкой или диалог относится к другой компании.',
    },
    actions: {
      take: 'Перехватить диалог',
      return: 'Вернуть боту',
      close: 'Закрыть диалог',
      takeOver: 'Забрать себе',
      done: {
        take: 'Диалог у вас: бот не ответит, пока вы не вернёте его',
        return: 'Диалог возвращён боту',
        close: 'Диалог закрыт',
      },
      heldBy: (name: string) => `Диалог ведёт ${name}`,
      heldByText: 'Писать посетителю сейчас может только этот менеджер. Если нужно ответить вам, заберите диалог себе.',
      confirmTitle: 'Забрать диалог себе?',
      confirmText: (name: string) =>
        `Сейчас диалог ведёт ${name}. Если забрать его, писать посетителю сможете только вы, а ${name} увидит, что диалог перешёл к вам.`,
    },
    conversation: {
      title: 'Переписка',
      count: (count: number) => `${count} ${plural(count, ['сообщение', 'сообщения', 'сообщений'])}`,
      empty: 'Сообщений пока нет. Они появятся здесь, как только посетитель напишет.',
      roles: {
        visitor: 'Посетитель',
        bot: 'Бот',
        operator: 'Менеджер',
      },
      estimate: 'Расчёт сметы',
      cut: 'прервано',
      cutLabel: 'Ответ бота прервался: диалог перехватил менеджер',
      draft: 'Бот пишет ответ…',
      visitorTyping: 'Посетитель печатает…',
    },
    composer: {
      label: 'Сообщение посетителю',
      placeholder: 'Напишите ответ посетителю…',
      send: 'Отправить',
      hint: 'Enter — отправить, Shift+Enter — новая строка',
      takesOver: 'Как только вы отправите сообщение, бот замолчит и диалог перейдёт к вам.',
      heldBy: (name: string) => `Диалог ведёт ${name}. Чтобы ответить, заберите его себе.`,
      closed: 'Диалог закрыт. Он откроется снова, когда посетитель напишет',
    },
    lead: {
      title: 'Заявка',
      open: 'Открыть заявку',
    },
    timeline: {
      title: 'Кто вёл диалог',
      started: 'Посетитель начал диалог',
      visitor: 'Посетитель',
      kinds: {
        operator_requested: 'Позвали менеджера',
        taken: 'Менеджер взял диалог',
        taken_over: 'Диалог забрал другой менеджер',
        returned: 'Диалог возвращён боту',
        closed: 'Диалог закрыт',
        reopened: 'Посетитель написал снова, диалог открыт',
      },
    },
  },

  widget: {
    title: 'Виджет на сайте',
    subtitle: 'Код для сайта, адреса сайтов, где работает чат, и цели Яндекс Метрики',
    install: {
      title: 'Установка на сайт',
      description: 'Одна строка кода — и на сайте появится кнопка чата',
      seen: (site: string, when: string) => `Виджет работает на ${site}, последний раз ${when}`,
      notSeen:
        'Виджет ещё не загружался на вашем сайте. Вставьте код и откройте страницу — здесь появится адрес сайта.',
      code: 'Код виджета',
      copy: 'Копировать',
      copied: 'Скопировано',
      copyFailed: 'Не удалось скопировать — выделите код и скопируйте вручную',
      copyStep: 'Скопируйте код.',
      pasteStep: {
        before: 'Вставьте его в HTML сайта перед закрывающим тегом',
        after: 'на всех страницах, где нужен чат.',
      },
      publishStep: 'Опубликуйте изменения: кнопка чата появится в правом нижнем углу страницы.',
      async: 'Код загружается асинхронно и не замедляет сайт.',
      platformsTitle: 'Где вставить код',
      platforms: [
        { name: 'Tilda', text: 'добавьте на страницу блок «HTML-код» (T123) и вставьте код в него.' },
        { name: 'WordPress', text: 'плагин для своего кода, например WPCode, или footer.php темы.' },
        { name: '1С-Битрикс', text: 'шаблон сайта, файл footer.php.' },
        { name: 'Другие конструкторы', text: 'в настройках найдите вставку HTML-кода в конец страницы.' },
      ],
      key: 'Ключ виджета',
      keyHint: 'Уже есть в коде. Понадобится, если поддержка попросит его назвать.',
    },
    origins: {
      title: 'Сайты, где разрешён виджет',
      description: 'Чат покажется только на этих сайтах',
      label: 'Адрес сайта',
      placeholder: 'https://remont.ru',
      hint: 'Только адрес сайта, без страниц. Если сайт открывается и с www, и без, добавьте оба адреса.',
      add: 'Добавить',
      remove: (origin: string) => `Убрать ${origin}`,
      invalid: 'Введите адрес сайта вида https://remont.ru',
      duplicate: 'Этот сайт уже в списке',
      full: (max: number) => `В списке может быть не больше ${max} сайтов`,
      anySite: {
        title: 'Виджет можно встроить на любой сайт',
        text: 'Пока список пуст, ваш чат может разместить у себя кто угодно, и его посетители будут тратить лимиты вашего тарифа. Добавьте адреса своих сайтов.',
      },
    },
    metrika: {
      title: 'Яндекс Метрика',
      description: 'Цели, которых виджет достигает в счётчике вашего сайта',
      counter: 'Номер счётчика',
      counterPlaceholder: 'Например, 12345678',
      counterHint: 'Указан в Метрике рядом с названием счётчика. Оставьте пустым, чтобы не отправлять цели.',
      goals: 'Цели',
      goalsHint:
        'Создайте в Метрике цели типа «JavaScript-событие» с такими же идентификаторами. Пустое поле вернёт идентификатор по умолчанию.',
      goal: {
        opened: { label: 'Открытие чата', text: 'Посетитель открыл окно чата.' },
        step: {
          label: 'Ответ в расчёте',
          text: 'Посетитель ответил на вопрос расчёта. {step} заменяется на шаг — цели шагов перечислены ниже.',
        },
        contacts: { label: 'Заявка', text: 'Посетитель оставил контакты — заявка создана.' },
        estimate: { label: 'Скачивание сметы', text: 'Посетитель открыл PDF-смету.' },
      },
      byDefault: (goal: string) => `По умолчанию — ${goal}.`,
      stepGoals: 'Цели шагов расчёта',
      stepGoalsHint: 'Идентификаторы, которые получит цель «Ответ в расчёте» на каждом шаге вашего опроса.',
    },
    saved: 'Настройки виджета сохранены',
  },

  billing: {
    title: 'Тарифы и оплата',
    subtitle: 'Ваш тариф, расход лимитов в этом месяце, оплата по счёту и что дают другие тарифы',
    current: {
      title: 'Текущий тариф',
      free: 'Бесплатно',
      perMonth: (price: string) => `${price} в месяц`,
      until: (date: string) => `до ${date}`,
      noExpiry: 'без срока',
    },
    expired: {
      title: (plan: string, date: string) => `Тариф «${plan}» закончился ${date}`,
      text: 'Компания работает на лимитах тарифа Free. Настройки и данные сохранены.',
    },
    usage: {
      title: (month: string) => `Использование за ${month}`,
      resets: (date: string) => `Месячные лимиты обновятся ${date}. Хранилище считается за всё время.`,
      amount: (used: string, limit: string) => `${used} из ${limit}`,
      warning: 'Осталось меньше 20%',
      limitedSessions: (count: number) =>
        `${count} ${plural(count, ['посетитель обслужен', 'посетителя обслужены', 'посетителей обслужены'])} без ИИ: лимит диалогов был исчерпан`,
      resources: {
        sessions: {
          label: 'Диалоги',
          hint: 'Посетители, открывшие чат',
          warning: (percent: number) => `Использовано ${percent}% лимита диалогов в этом месяце`,
          reached: 'Лимит диалогов исчерпан: новым посетителям ИИ не отвечает, заявки по-прежнему принимаются',
          reachedShort: 'Лимит исчерпан — новым посетителям ИИ не отвечает, заявки принимаются',
        },
        messages: {
          label: 'Сообщения ИИ',
          hint: 'Вопросы посетителей, на которые отвечает ИИ',
          warning: (percent: number) => `Использовано ${percent}% лимита сообщений ИИ в этом месяце`,
          reached: 'Лимит сообщений ИИ исчерпан: ИИ не отвечает посетителям, заявки по-прежнему принимаются',
          reachedShort: 'Лимит исчерпан — ИИ не отвечает посетителям, заявки принимаются',
        },
        tokens: {
          label: 'Токены ИИ',
          hint: 'Объём текста, который прочитал и написал ИИ',
          warning: (percent: number) => `Использовано ${percent}% лимита токенов ИИ в этом месяце`,
          reached: 'Лимит токенов ИИ исчерпан: ИИ не отвечает посетителям, заявки по-прежнему принимаются',
          reachedShort: 'Лимит исчерпан — ИИ не отвечает посетителям, заявки принимаются',
        },
        storageBytes: {
          label: 'Хранилище',
          hint: 'Логотип, аватар бота и документы',
          warning: (percent: number) => `Хранилище заполнено на ${percent}%`,
          reached: 'Хранилище заполнено: новые файлы не загрузятся, пока не освободится место',
          reachedShort: 'Места нет — новые файлы не загрузятся',
        },
      } satisfies Record<UsageResource, ResourceTexts>,
    },
    plans: {
      title: 'Сравнение тарифов',
      description: 'Лимиты диалогов, сообщений и токенов — на календарный месяц',
      feature: 'Возможность',
      current: 'Текущий тариф',
      free: 'Бесплатно',
      perMonth: (price: string) => `${price}/мес`,
      yes: 'Есть',
      no: 'Нет',
      platformModel: 'Модель платформы',
      rows: {
        price: 'Стоимость',
        sessions: 'Диалоги в месяц',
        messages: 'Сообщения ИИ в месяц',
        tokens: 'Токены ИИ в месяц',
        kbDocuments: 'Документы в базе знаний',
        storage: 'Хранилище',
        integrations: 'Интеграции: Telegram, amoCRM',
        customDomain: 'Свой домен',
        whiteLabel: 'Без надписи «Работает на AI Max»',
        models: 'Модели ИИ',
      },
    },
    bannerDismiss: 'Скрыть предупреждение',
    profile: {
      title: 'Реквизиты для счёта',
      description: 'Покупатель в счёте: ваша организация или ИП',
      legalForm: 'Форма',
      name: 'Наименование',
      namePlaceholder: {
        company: 'ООО «Ремонт Плюс»',
        entrepreneur: 'ИП Иванов Иван Иванович',
      } satisfies Record<LegalForm, string>,
      nameHint: {
        company: 'Как в выписке из ЕГРЮЛ',
        entrepreneur: 'Как в выписке из ЕГРИП',
      } satisfies Record<LegalForm, string>,
      inn: 'ИНН',
      innHint: {
        company: '10 цифр',
        entrepreneur: '12 цифр',
      } satisfies Record<LegalForm, string>,
      kpp: 'КПП',
      ogrn: {
        company: 'ОГРН',
        entrepreneur: 'ОГРНИП',
      } satisfies Record<LegalForm, string>,
      ogrnHint: {
        company: '13 цифр',
        entrepreneur: '15 цифр',
      } satisfies Record<LegalForm, string>,
      legalAddress: 'Юридический адрес',
      legalAddressPlaceholder: '123456, г. Москва, ул. Строителей, д. 1, оф. 10',
      email: 'Email для счетов',
      emailHint: 'Сюда придут счета и письма об оплате',
      save: 'Сохранить реквизиты',
      saved: 'Реквизиты сохранены',
      edit: 'Изменить',
      editLabel: 'Изменить реквизиты',
    },
    invoice: {
      title: 'Оплата по счёту',
      description: 'Для организаций и ИП: счёт в PDF с QR-кодом для оплаты из банка',
      plan: 'Тариф',
      term: 'Срок',
      perMonth: (price: string) => `${price}/мес`,
      discount: (percent: number) => `−${percent}%`,
      total: 'К оплате',
      summary: (plan: string, term: string) => `Тариф «${plan}» на ${term}`,
      monthly: (amount: string) => `≈ ${amount} в месяц`,
      withoutDiscount: 'Без скидки',
      submit: 'Сформировать счёт',
      busy: 'Формируем счёт…',
      needsProfile: 'Сначала сохраните реквизиты компании: без них счёт не сформировать.',
      emailed: (email: string) =>
        `Счёт откроется в новой вкладке и придёт на ${email}. Тариф включится, как только поступит оплата.`,
      issued: (number: string) => `Счёт № ${number} сформирован`,
      opened: (number: string) => `Счёт № ${number} открыт в новой вкладке.`,
      ready: (number: string, time: string) => `Счёт № ${number} готов. Ссылка на PDF действует до ${time}.`,
      open: 'Открыть счёт (PDF)',
      pdfLater: (number: string) =>
        `Счёт № ${number} сформирован, но PDF пока не готов. Откройте его из истории счетов чуть позже.`,
    },
    history: {
      title: 'История счетов',
      description: 'Счета компании, новые сверху. PDF можно скачать в любой момент',
      columns: {
        number: 'Счёт',
        plan: 'Тариф',
        amount: 'Сумма',
        status: 'Статус',
        pdf: 'PDF',
      },
      number: (number: string) => `№ ${number}`,
      issuedOn: (date: string) => `от ${date}`,
      dueBy: (date: string) => `до ${date}`,
      paidOn: (date: string) => `оплачен ${date}`,
      cancelledOn: (date: string) => `отменён ${date}`,
      empty: 'Счетов пока нет',
      emptyHint: 'Сформированные счета появятся здесь: их можно будет скачать в PDF и увидеть, оплачены ли они.',
      pdf: 'PDF',
      pdfLabel: (number: string) => `Счёт № ${number} в PDF`,
      pdfBusy: 'Формируем PDF…',
      pdfOpen: 'Открыть PDF',
    },
  },

  platform: {
    tenants: {
      title: 'Компании',
      subtitle: 'Все компании, зарегистрированные на платформе',
      total: (count: number) => `${count} ${plural(count, ['компания', 'компании', 'компаний'])}`,
      search: 'Компания или email владельца',
      statusFilter: 'Статус',
      all: 'Все',
      active: 'Активные',
      suspended: 'Приостановленные',
      empty: 'Компаний не найдено',
      emptyHint: 'Попробуйте изменить запрос или сбросить фильтр.',
      columns: {
        name: 'Компания',
        plan: 'Тариф',
        members: 'Сотрудники',
        month: 'За месяц',
        created: 'Создана',
        status: 'Статус',
        actions: 'Действия',
      },
      noOwner: 'нет владельца',
      planUntil: (date: string) => `до ${date}`,
      suspend: 'Приостановить',
      reactivate: 'Возобновить',
      suspendTitle: (name: string) => `Приостановить «${name}»?`,
      suspendText:
        'Все сотрудники компании будут разлогинены и не смогут войти, виджет на сайте перестанет отвечать. Данные сохранятся.',
      reactivateTitle: (name: string) => `Возобновить «${name}»?`,
      reactivateText: 'Сотрудники снова смогут входить в панель управления, виджет продолжит работу.',
      suspendedDone: (name: string) => `Компания «${name}» приостановлена`,
      reactivatedDone: (name: string) => `Компания «${name}» снова активна`,
      plan: 'Тариф',
      planLabel: (name: string) => `Тариф и использование: ${name}`,
      invoices: 'Счета',
      invoicesLabel: (name: string) => `Счета компании ${name}`,
      sessions: (count: number, shown: string) => `${shown} ${plural(count, ['диалог', 'диалога', 'диалогов'])}`,
      messages: (count: number, shown: string) => `${shown} ${plural(count, ['сообщение', 'сообщения', 'сообщений'])}`,
    },
    plan: {
      title: 'Тариф и использование',
      description: (name: string) => `Компания «${name}»`,
      change: 'Сменить тариф',
      planLabel: 'Тариф',
      paidUntil: 'Оплачен до',
      paidUntilHint: 'Включительно, по московскому времени. Затем — лимиты Free',
      paidUntilRequired: 'Укажите, до какого дня оплачен тариф',
      submit: 'Сохранить тариф',
      done: (name: string, plan: string) => `Компания «${name}» переведена на тариф «${plan}»`,
    },
    invoices: {
      title: 'Счета',
      subtitle: 'Счета всех компаний. Отметка об оплате включает компании тариф',
      total: (count: number) => `${count} ${plural(count, ['счёт', 'счёта', 'счетов'])}`,
      search: 'Номер счёта или ИНН',
      status: 'Статус',
      allStatuses: 'Все',
      from: 'Выставлен с',
      to: 'по',
      company: (name: string) => `Компания: ${name}`,
      oneCompany: 'Счета одной компании',
      allCompanies: 'Показать счета всех компаний',
      reset: 'Сбросить',
      empty: 'Счетов не найдено',
      emptyHint: 'Попробуйте изменить запрос или сбросить фильтры.',
      columns: {
        invoice: 'Счёт и компания',
        amount: 'Сумма и тариф',
        status: 'Статус',
        actions: 'Действия',
      },
      inn: (inn: string) => `ИНН ${inn}`,
      planTerm: (plan: string, term: string) => `${plan}, ${term}`,
      markPaid: 'Отметить оплаченным',
      markPaidLabel: (number: string) => `Отметить оплаченным: счёт № ${number}`,
      markPaidTitle: (number: string) => `Отметить счёт № ${number} оплаченным?`,
      markPaidText: (company: string, plan: string, term: string, amount: string) =>
        `Компания «${company}», тариф «${plan}» на ${term}, ${amount}. Тариф включится сразу (продление — с конца текущего срока), а компании придёт письмо об оплате.`,
      paidDone: (number: string, plan: string, date: string) => `Счёт № ${number} оплачен: тариф «${plan}» до ${date}`,
      cancelLabel: (number: string) => `Отменить счёт № ${number}`,
      cancelTitle: (number: string) => `Отменить счёт № ${number}?`,
      cancelText: (company: string) =>
        `Компания «${company}» увидит счёт отменённым вместе с причиной. Отменённый счёт нельзя отметить оплаченным.`,
      reason: 'Причина отмены',
      reasonPlaceholder: 'Например, выставлен по ошибке',
      cancelSubmit: 'Отменить счёт',
      keep: 'Не отменять',
      cancelledDone: (number: string) => `Счёт № ${number} отменён`,
    },
    support: {
      title: 'Контакты поддержки',
      description:
        'Их видят компании там, где им предлагают обратиться в поддержку: приостановленный доступ, счёт, который пока нельзя выставить, ошибка',
      email: 'Email поддержки',
      emailPlaceholder: 'support@aimax.ru',
      phone: 'Телефон',
      phonePlaceholder: '+7 800 555-35-35',
      telegram: 'Telegram',
      telegramPlaceholder: '@aimax_support',
      telegramHint: 'Имя пользователя или канала, без ссылки',
      saved: 'Контакты поддержки сохранены',
    },
    setup: {
      title: 'Что ещё нужно платформе',
      description: 'Пока этого нет, часть возможностей не работает у всех компаний',
      allDone: 'Платформа настроена полностью',
      checks: {
        seller: {
          title: 'Реквизиты продавца',
          text: 'Без них компании не могут сформировать счёт на оплату.',
          action: 'Заполнить реквизиты',
        },
        support: {
          title: 'Контакты поддержки',
          text: 'Компаниям показываются там, где им предлагают обратиться в поддержку.',
          action: 'Указать контакты',
        },
        smtp: {
          title: 'Отправка писем (SMTP_URL)',
          text: 'Письма со счетами и напоминаниями сейчас только сохраняются в «Письмах» и никуда не уходят. Задайте SMTP_URL в окружении сервера и перезапустите его.',
          action: 'Открыть письма',
        },
        llm: {
          title: 'ИИ-ответы (LLM_API_KEY)',
          text: 'Без ключа шлюза посетителям отвечает встроенный помощник, который только возвращает к расчёту. Задайте LLM_API_KEY в окружении сервера.',
        },
        appSecret: {
          title: 'Ключ APP_SECRET',
          text: 'Сейчас он сгенерирован в папке данных. Для нескольких экземпляров задайте один APP_SECRET (32+ символа) всем, иначе ссылки на документы не будут открываться.',
        },
      } satisfies Record<PlatformSetupView['checks'][number]['id'], { title: string; text: string; action?: string }>,
    },
    seller: {
      title: 'Реквизиты',
      subtitle: 'Продавец в счетах: реквизиты платформы и счёт, на который компании платят',
      about:
        'Эти реквизиты печатаются в каждом счёте и в QR-коде для оплаты из банковского приложения. Изменения касаются новых счетов: выставленные остаются как были.',
      missing: 'Реквизиты не заполнены: пока компании не могут сформировать счёт.',
      sections: {
        party: 'Получатель платежа',
        bank: 'Банковский счёт',
        document: 'Счёт и подписи',
      },
      legalForm: 'Форма',
      name: 'Наименование',
      namePlaceholder: 'ООО «ЭйАй Макс»',
      inn: 'ИНН',
      kpp: 'КПП',
      ogrn: {
        company: 'ОГРН',
        entrepreneur: 'ОГРНИП',
      } satisfies Record<LegalForm, string>,
      address: 'Адрес',
      addressPlaceholder: '123112, г. Москва, Пресненская наб., д. 12',
      bankName: 'Банк',
      bankNamePlaceholder: 'ПАО Сбербанк, г. Москва',
      bik: 'БИК',
      correspondentAccount: 'Корреспондентский счёт',
      account: 'Расчётный счёт',
      vatRate: 'НДС',
      noVat: 'Без НДС (УСН)',
      vat: (rate: number) => `НДС ${rate}%`,
      vatHint: 'НДС входит в цену тарифа и выделяется в счёте отдельной строкой',
      dueDays: 'Срок оплаты, дней',
      dueDaysHint: 'От 1 до 60 дней с даты счёта',
      director: {
        company: 'Руководитель',
        entrepreneur: 'Предприниматель',
      } satisfies Record<LegalForm, string>,
      directorHint: 'Фамилия, имя и отчество: подпись в счёте',
      accountant: 'Главный бухгалтер',
      accountantHint: 'Можно не указывать, если счёт подписывает только руководитель',
      saved: 'Реквизиты сохранены',
    },
    emails: {
      title: 'Письма',
      subtitle: 'Исходящие письма платформы: счета, оплаты и напоминания о тарифе',
      total: (count: number) => `${count} ${plural(count, ['письмо', 'письма', 'писем'])}`,
      statusFilter: 'Статус',
      all: 'Все',
      sent: 'Отправлены',
      pending: 'В очереди',
      failed: 'Не отправлены',
      empty: 'Писем нет',
      emptyHint: 'Письма появятся, когда компании начнут выставлять и оплачивать счета.',
      columns: {
        email: 'Письмо',
        to: 'Кому',
        status: 'Статус',
        time: 'Создано / отправлено',
        file: 'Файл',
      },
      attempts: (count: number) => `${count} ${plural(count, ['попытка', 'попытки', 'попыток'])}`,
      retrying: (count: number, time: string) =>
        `${count} ${plural(count, ['попытка', 'попытки', 'попыток'])}, следующая в ${time}`,
      sentAt: (time: string) => `отправлено ${time}`,
      eml: '.eml',
      emlLabel: (subject: string) => `Скачать письмо «${subject}» (.eml)`,
    },
  },

  saveBar: {
    save: 'Сохранить',
    discard: 'Отменить изменения',
    unsaved: 'Есть несохранённые изменения',
    upToDate: 'Все изменения сохранены',
    neverSaved: 'Ещё не сохранено',
  },

  pagination: {
    label: 'Страницы',
    range: (from: number, to: number, total: number) => `${from}–${to} из ${total}`,
    previous: 'Предыдущая страница',
    next: 'Следующая страница',
  },

  account: {
    changePassword: {
      title: 'Смена пароля',
      text: 'После смены пароля все остальные сеансы будут завершены — на других устройствах придётся войти заново.',
      submit: 'Сменить пароль',
      done: 'Пароль изменён',
    },
    notifications: {
      title: 'Уведомления',
      leadEmails: 'Письма о новых заявках',
      leadEmailsText: (email: string) =>
        `Как только посетитель оставит заявку в виджете, на ${email} придёт письмо с контактами, ответами и расчётом.`,
      on: 'Письма о новых заявках включены',
      off: 'Письма о новых заявках выключены',
      close: 'Готово',
    },
  },
};

/** The shape every language's catalogue has: the same keys, any texts. */
export type Messages = Widen<typeof ru>;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : T extends readonly string[]
      ? readonly string[]
      : { [K in keyof T]: Widen<T[K]> };
