import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '@/lib/i18n';
import type { CheckoutWidgetClass } from './checkoutWidget';

const WIDGET_URL = 'https://yookassa.ru/checkout-widget/v1/checkout-widget.js';

/** A `<script>` as far as the loader touches it; the test fires its events. */
class FakeScript {
  src = '';
  async = false;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  removed = false;
  remove() {
    this.removed = true;
  }
}

const Widget = class {} as unknown as CheckoutWidgetClass;

let scripts: FakeScript[];
let page: { YooMoneyCheckoutWidget?: CheckoutWidgetClass };

/** The loader keeps its load between calls, so each test takes a fresh copy of the module. */
const loader = async () => (await import('./checkoutWidget')).loadCheckoutWidget;

beforeEach(() => {
  vi.resetModules();
  scripts = [];
  page = {};
  vi.stubGlobal('window', page);
  vi.stubGlobal('document', {
    createElement: () => new FakeScript(),
    head: { append: (script: FakeScript) => scripts.push(script) },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadCheckoutWidget', () => {
  it('adds the script once, however many payments wait for it', async () => {
    const load = await loader();
    const first = load(WIDGET_URL);
    const second = load(WIDGET_URL);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.src).toBe(WIDGET_URL);
    expect(scripts[0]?.async).toBe(true);

    page.YooMoneyCheckoutWidget = Widget;
    scripts[0]?.onload?.();
    await expect(first).resolves.toBe(Widget);
    await expect(second).resolves.toBe(Widget);
    await expect(load(WIDGET_URL)).resolves.toBe(Widget);
    expect(scripts).toHaveLength(1);
  });

  it('adds no script when the widget is already on the page', async () => {
    page.YooMoneyCheckoutWidget = Widget;
    const load = await loader();
    await expect(load(WIDGET_URL)).resolves.toBe(Widget);
    expect(scripts).toHaveLength(0);
  });

  it('fails in Russian when the script does not load, and tries afresh the next time', async () => {
    const load = await loader();
    const failed = load(WIDGET_URL);
    scripts[0]?.onerror?.();
    await expect(failed).rejects.toThrow(t.billing.online.scriptFailed);
    expect(scripts[0]?.removed).toBe(true);

    const again = load(WIDGET_URL);
    expect(scripts).toHaveLength(2);
    page.YooMoneyCheckoutWidget = Widget;
    scripts[1]?.onload?.();
    await expect(again).resolves.toBe(Widget);
  });

  it('fails when the script loads but brings no widget', async () => {
    const load = await loader();
    const loaded = load(WIDGET_URL);
    scripts[0]?.onload?.();
    await expect(loaded).rejects.toThrow(t.billing.online.scriptFailed);
    expect(scripts[0]?.removed).toBe(true);
  });
});
