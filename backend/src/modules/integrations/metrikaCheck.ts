// «Проверить» of the Metrika card: the demo page with the company's widget and its Metrika
// counter (Yandex's tag.js, loaded on this page only, the CSP naming mc.yandex.ru and nothing
// else), which reaches the test goal as soon as the counter is up and says so on the page.
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../lib/html.ts';
import { renderLandingPage } from '../landing/page.ts';

const METRIKA = 'https://mc.yandex.ru';

export function metrikaCheckPage(options: {
  companyName: string;
  widgetKey: string;
  counterId: string;
  goal: string;
}): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const counter = Number(options.counterId);
  const goal = JSON.stringify(options.goal);
  const status = `<p id="metrika-check" role="status" style="margin:0;padding:14px 6vw;background:#fefce8;border-bottom:1px solid #fde68a;font:15px system-ui">
Проверка Яндекс Метрики: счётчик ${escapeHtml(options.counterId)}, цель <b>${escapeHtml(options.goal)}</b> — <span id="metrika-state">загружаем счётчик…</span></p>
<script nonce="${nonce}">
(function (m, e, t, r, i, k, a) {
  m[i] = m[i] || function () { (m[i].a = m[i].a || []).push(arguments); };
  m[i].l = 1 * new Date();
  k = e.createElement(t); a = e.getElementsByTagName(t)[0];
  k.async = 1; k.src = r; a.parentNode.insertBefore(k, a);
  k.onerror = function () {
    document.getElementById('metrika-state').textContent = 'счётчик не загрузился: проверьте блокировщики рекламы и доступ к mc.yandex.ru';
  };
})(window, document, 'script', '${METRIKA}/metrika/tag.js', 'ym');
ym(${counter}, 'init', { clickmap: false, trackLinks: false, accurateTrackBounce: false });
ym(${counter}, 'reachGoal', ${goal}, {}, function () {
  document.getElementById('metrika-state').textContent = 'цель отправлена. В Метрике она появится в отчёте «Конверсии» в течение нескольких минут';
});
</script>`;
  const page = renderLandingPage({ companyName: options.companyName, widgetKey: options.widgetKey, platform: false });
  const html = page.replace('<body>\n', `<body>\n${status}\n`);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${METRIKA}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: ${METRIKA}`,
    `connect-src 'self' ${METRIKA}`,
    `frame-src 'self' ${METRIKA}`,
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}
