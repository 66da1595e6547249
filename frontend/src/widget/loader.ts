// The script a customer pastes into their page (`<script src="…/widget.js" data-key="wk_…">`): a
// launcher button in the company's colour and, on first open, the chat frame. Plain DOM and no
// framework, to stay under 3 KB gzipped on every page of the customer's site. It lives in one
// shadow root with inline styles (which a page's CSP does not block, unlike <style>), so the page's
// CSS cannot reach in and ours cannot leak out; it defines no globals. The frame is created on
// the first open, not prefetched: loading it starts a visitor session (counted in the company's
// plan) and some 130 KB of script, which most page views never need. The visit (visitor id and
// session token) is kept here, in this page's storage: on a customer's site the frame is a
// third-party iframe that browsers give none, so the frame asks for it and hands new ones back.
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { readableTextOn } from './colors';
import { frameUrl, pickUtm } from './frameParams';
import { loaderText } from './i18n';
import { type HostMessage, isFrameMessage, isFromFrame } from './protocol';
import { storageKeeper } from './visitKeeper';

type YandexMetrika = (counterId: number, method: 'reachGoal', goal: string) => void;

const HOST_ID = 'aimax-widget';
const MOBILE = '(max-width: 640px)';
const SVG_NS = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M7.9 20A9 9 0 1 0 4 16.1L2 22Z';
// A chevron pointing down: the open chat folds back into the launcher.
const FOLD_ICON = 'm6 9 6 6 6-6';
const EASE = 'cubic-bezier(.2,.8,.2,1)';

const style = (element: HTMLElement, styles: Partial<CSSStyleDeclaration>) => Object.assign(element.style, styles);

function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  const attributes = {
    viewBox: '0 0 24 24',
    width: '28',
    height: '28',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
    'aria-hidden': 'true',
  };
  for (const [name, value] of Object.entries(attributes)) svg.setAttribute(name, value);
  const line = document.createElementNS(SVG_NS, 'path');
  line.setAttribute('d', path);
  svg.append(line);
  return svg;
}

function mount(key: string, origin: string, config: WidgetConfigView): void {
  const primary = config.primaryColor;
  const host = document.createElement('div');
  host.id = HOST_ID;
  host.style.cssText = 'all:initial;position:fixed;z-index:2147483000';
  const root = host.attachShadow({ mode: 'open' });
  const mobile = matchMedia(MOBILE);

  const launcher = document.createElement('button');
  launcher.type = 'button';
  style(launcher, {
    position: 'fixed',
    right: '20px',
    bottom: '20px',
    width: '60px',
    height: '60px',
    margin: '0',
    padding: '0',
    border: '0',
    borderRadius: '50%',
    overflow: 'hidden',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    cursor: 'pointer',
    background: primary,
    color: readableTextOn(primary),
    boxShadow: '0 6px 20px rgba(15,23,42,.22), 0 2px 6px rgba(15,23,42,.12)',
    opacity: '0',
    transform: 'scale(.6)',
    transition: `transform .25s ${EASE}, opacity .25s ease`,
  });
  const avatar = config.bot.avatarUrl ? document.createElement('img') : null;
  if (avatar && config.bot.avatarUrl) {
    avatar.src = config.bot.avatarUrl;
    avatar.alt = '';
    style(avatar, { width: '100%', height: '100%', objectFit: 'cover', display: 'block' });
  }
  const chatIcon = avatar ?? icon(CHAT_ICON);
  const closeIcon = icon(FOLD_ICON);

  const panel = document.createElement('div');
  style(panel, {
    position: 'fixed',
    overflow: 'hidden',
    background: '#fff',
    boxShadow: '0 24px 60px rgba(15,23,42,.22), 0 4px 16px rgba(15,23,42,.1)',
    transition: `opacity .22s ease, transform .22s ${EASE}, visibility .22s`,
    transformOrigin: 'bottom right',
  });
  // The company's colour where the chat's header will be, until the frame has loaded.
  const placeholder = document.createElement('div');
  style(placeholder, { height: '64px', background: primary });
  panel.append(placeholder);
  root.append(panel, launcher);

  let frame: HTMLIFrameElement | null = null;
  // Until the frame has loaded its window is still about:blank, of this page's origin: a message
  // addressed to the frame's origin would not arrive, and the browser would log the mismatch.
  let loaded = false;
  let open = false;
  const visit = storageKeeper(key, () => localStorage);

  const layout = () => {
    const small = mobile.matches;
    style(
      panel,
      small
        ? {
            top: '0',
            right: '0',
            bottom: '0',
            left: '0',
            width: '100%',
            height: '100%',
            maxWidth: 'none',
            maxHeight: 'none',
            borderRadius: '0',
          }
        : {
            top: 'auto',
            right: '20px',
            bottom: '96px',
            left: 'auto',
            width: '400px',
            height: '640px',
            maxWidth: 'calc(100vw - 40px)',
            maxHeight: 'calc(100vh - 116px)',
            borderRadius: '16px',
          },
    );
    style(panel, {
      opacity: open ? '1' : '0',
      transform: open ? 'none' : 'translateY(16px) scale(.98)',
      visibility: open ? 'visible' : 'hidden',
    });
    // Full screen on a phone: the panel covers the launcher, which would only get in the way.
    launcher.style.visibility = open && small ? 'hidden' : 'visible';
    launcher.replaceChildren(open ? closeIcon : chatIcon);
    launcher.setAttribute('aria-label', open ? loaderText.close : loaderText.open);
    launcher.setAttribute('aria-expanded', String(open));
  };

  const tellFrame = (message: HostMessage) => frame?.contentWindow?.postMessage(message, origin);

  const setOpen = (next: boolean) => {
    if (next === open) return;
    open = next;
    if (open && !frame) {
      const created = document.createElement('iframe');
      created.title = loaderText.frameTitle;
      created.src = frameUrl({
        origin,
        key,
        primaryColor: primary,
        pageUrl: location.href,
        referrer: document.referrer,
        utm: pickUtm(new URLSearchParams(location.search)),
      });
      style(created, {
        position: 'absolute',
        top: '0',
        left: '0',
        width: '100%',
        height: '100%',
        border: '0',
        opacity: '0',
        transition: 'opacity .2s ease',
      });
      created.addEventListener('load', () => {
        loaded = true;
        created.style.opacity = '1';
        if (open) created.focus();
      });
      panel.append(created);
      frame = created;
    }
    layout();
    if (open) {
      frame?.focus();
      // A frame still loading takes the focus once it has (above).
      if (loaded) tellFrame({ type: 'aimax:open' });
    } else {
      launcher.focus();
    }
  };

  launcher.addEventListener('click', () => setOpen(!open));
  launcher.addEventListener('pointerenter', () => {
    launcher.style.transform = 'scale(1.06)';
  });
  launcher.addEventListener('pointerleave', () => {
    launcher.style.transform = 'none';
  });
  document.addEventListener('click', (event) => {
    const opener = event.target instanceof Element ? event.target.closest('[data-aimax-open]') : null;
    if (!opener) return;
    event.preventDefault();
    setOpen(true);
  });
  window.addEventListener('message', (event) => {
    const data: unknown = event.data;
    if (!frame || !isFromFrame(event, { origin, window: frame.contentWindow }) || !isFrameMessage(data)) return;
    if (data.type === 'aimax:close') return setOpen(false);
    if (data.type === 'aimax:hello') return tellFrame({ type: 'aimax:visit', visit: visit.read() });
    if (data.type === 'aimax:keep') return visit.write(data.visit);
    const ym = (window as unknown as { ym?: YandexMetrika }).ym;
    if (config.metrika && typeof ym === 'function') ym(Number(config.metrika.counterId), 'reachGoal', data.goal);
  });
  mobile.addEventListener('change', layout);

  layout();
  document.body.append(host);
  requestAnimationFrame(() => requestAnimationFrame(() => style(launcher, { opacity: '1', transform: 'none' })));
}

function start(script: HTMLScriptElement | null): void {
  const key = script?.dataset.key;
  if (!script || !key || document.getElementById(HOST_ID)) return;
  const origin = new URL(script.src).origin;
  fetch(`${origin}/api/widget/config?key=${encodeURIComponent(key)}`, { credentials: 'omit' })
    .then((response) => {
      if (!response.ok) throw new Error(`config answered ${response.status}`);
      return response.json() as Promise<WidgetConfigView>;
    })
    .then((config) => {
      const ready = () => mount(key, origin, config);
      if (document.body) ready();
      else document.addEventListener('DOMContentLoaded', ready, { once: true });
    })
    .catch((error: unknown) => console.warn('[AI Max] the chat widget could not start:', error));
}

// Read while this script runs: currentScript is null once it has finished.
start(
  (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[data-key][src*="widget.js"]'),
);
