// The demo landing page served at `/`: a renovation company's page of the kind our customers
// run, showing the demo tenant, or on a company's own domain that company. The widget snippet is
// what a customer pastes into their own page.
import { escapeHtml } from '../../lib/html.ts';

// The demo's made-up offer; a company's own domain shows no prices it did not set.
const demoSections = `<section class="hero">
  <h1>Ремонт квартир под ключ с фиксированной сметой</h1>
  <p>Новостройки, вторичное жильё и частные дома. Дизайн-проект, черновые и чистовые работы, гарантия 3 года.</p>
  <a class="cta" href="#services" data-aimax-open>Рассчитать стоимость</a>
</section>
<section class="grid" id="services">
  <div class="card"><h3>Косметический ремонт</h3><p>Обновим стены, полы и потолки без переноса коммуникаций.</p><div class="price">от 4 500 ₽/м²</div></div>
  <div class="card"><h3>Капитальный ремонт</h3><p>Замена электрики и сантехники, выравнивание, новая отделка.</p><div class="price">от 9 800 ₽/м²</div></div>
  <div class="card"><h3>Дизайнерский ремонт</h3><p>Реализуем проект дизайнера с авторским надзором.</p><div class="price">от 16 000 ₽/м²</div></div>
</section>`;

const companySection = `<section class="hero">
  <h1>Рассчитайте стоимость ремонта за пару минут</h1>
  <p>Ответьте на несколько вопросов в чате — смета придёт сразу, а менеджер ответит на вопросы.</p>
  <a class="cta" href="#" data-aimax-open>Рассчитать стоимость</a>
</section>`;

export function renderLandingPage(options: {
  companyName: string;
  widgetKey: string | null;
  /** The platform's demo (with the way into the admin), or a company's page on its own domain. */
  platform: boolean;
}): string {
  const company = escapeHtml(options.companyName);
  // The one line a customer pastes into their page.
  const widget = options.widgetKey
    ? `<script src="/widget.js" data-key="${escapeHtml(options.widgetKey)}" async></script>`
    : '';
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${company} — ремонт квартир под ключ</title>
${options.platform ? '<link rel="icon" href="/favicon.svg">' : '<link rel="icon" href="data:,">'}
<style>
  :root { --brand: #0f766e; --ink: #0f172a; --muted: #475569; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f8fafc; }
  header { display: flex; justify-content: space-between; align-items: center; padding: 20px 6vw; background: #fff; border-bottom: 1px solid #e2e8f0; }
  .logo { font-weight: 700; font-size: 20px; color: var(--brand); }
  header a { color: var(--muted); text-decoration: none; font-size: 14px; }
  .hero { padding: 72px 6vw 56px; background: linear-gradient(135deg, #ecfdf5, #f0f9ff); }
  .hero h1 { font-size: clamp(30px, 5vw, 48px); line-height: 1.15; margin: 0 0 16px; max-width: 760px; }
  .hero p { font-size: 18px; color: var(--muted); max-width: 620px; margin: 0 0 28px; }
  .cta { display: inline-block; background: var(--brand); color: #fff; padding: 14px 26px; border-radius: 12px; font-weight: 600; text-decoration: none; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 20px; padding: 48px 6vw; }
  .card { background: #fff; border: 1px solid #e2e8f0; border-radius: 16px; padding: 24px; }
  .card h3 { margin: 0 0 8px; font-size: 18px; }
  .card p { margin: 0; color: var(--muted); font-size: 15px; }
  .price { font-size: 22px; font-weight: 700; color: var(--brand); margin-top: 12px; }
  footer { padding: 28px 6vw 40px; color: var(--muted); font-size: 14px; border-top: 1px solid #e2e8f0; background: #fff; }
  footer a { color: var(--brand); }
</style>
</head>
<body>
<header>
  <div class="logo">${company}</div>
  ${options.platform ? '<a href="/admin/">Вход для компаний</a>' : ''}
</header>
${options.platform ? demoSections : companySection}
<footer>
  ${
    options.platform
      ? `Демонстрационная страница платформы AI Max: так выглядит сайт компании-клиента.
  Компании подключают чат-виджет одной строкой кода в <a href="/admin/">панели управления</a>.`
      : `${company}: пример страницы с чатом компании. Чат открывается кнопкой в углу.`
  }
</footer>
${widget}
</body>
</html>`;
}
