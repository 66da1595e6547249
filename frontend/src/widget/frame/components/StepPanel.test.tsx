import type { PublicStep } from '@aimax/backend/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WidgetApi } from '../api';
import { type ChatState, ChatStoreContext, createChatStore } from '../chatStore';
import { createVisitStore } from '../visits';
import { StepPanel } from './StepPanel';

function render(step: PublicStep, state: Partial<ChatState> = {}) {
  const store = createChatStore({
    api: {} as WidgetApi,
    visits: createVisitStore(null),
    page: { pageUrl: undefined, referrer: undefined, utm: {} },
    openEvents: () => () => {},
    postToHost: () => {},
  });
  store.setState({ phase: 'ready', step, ...state });
  // Rendering on the server reads a store's initial state; here that is the state set up above.
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <ChatStoreContext value={store}>
      <StepPanel step={step} />
    </ChatStoreContext>,
  );
}

/** The attributes of each `<tag …>` in the markup. */
const elements = (html: string, tag: string): Record<string, string>[] =>
  [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map(([, attributes = '']) =>
    Object.fromEntries([...attributes.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value])),
  );

const textOfId = (html: string, id: string) => html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))?.[1];

describe('StepPanel', () => {
  it('offers a choice as quick-reply buttons, the first one taking the focus', () => {
    const html = render({
      id: 'objectType',
      kind: 'choice',
      title: 'Какой объект ремонтируем?',
      options: [
        { id: 'new_build', label: 'Новостройка' },
        { id: 'house', label: 'Частный дом' },
      ],
    });
    expect(html).toContain('aria-label="Ответ на вопрос: Какой объект ремонтируем?"');
    const buttons = elements(html, 'button');
    expect(buttons).toHaveLength(2);
    expect(buttons.map((button) => button['data-autofocus'])).toEqual(['true', undefined]);
    expect(html).toContain('>Новостройка</button>');
  });

  it('labels the number input with the question, and states the range with the unit', () => {
    const html = render({ id: 'area', kind: 'number', title: 'Какая площадь, м²?', min: 5, max: 1000, unit: 'м²' });
    const [input] = elements(html, 'input');
    expect(input?.inputMode).toBe('decimal');
    expect(html).toContain(`for="${input?.id}"`);
    expect(html).toContain('>Какая площадь, м²?</label>');
    expect(textOfId(html, input?.['aria-describedby'] ?? '')).toBe('От 5 до 1000 м²');
  });

  it('shows the server’s refusal under the number, tied to the input', () => {
    const html = render(
      { id: 'rooms', kind: 'number', title: 'Сколько комнат?', min: 1, max: 20 },
      { answerError: 'Укажите число комнат от 1 до 20' },
    );
    const [input] = elements(html, 'input');
    expect(input?.['aria-invalid']).toBe('true');
    const described = (input?.['aria-describedby'] ?? '').split(' ').map((id) => textOfId(html, id));
    expect(described).toEqual(['От 1 до 20', 'Укажите число комнат от 1 до 20']);
  });

  it('asks for a name, a phone with a hint and the consent, and shows the server’s refusal', () => {
    const html = render(
      { id: 'contacts', kind: 'contacts', title: 'Куда прислать смету?', consentText: 'Я согласен на обработку ПДн' },
      { answerError: 'Проверьте номер телефона, например +7 900 123-45-67' },
    );
    const inputs = elements(html, 'input');
    expect(inputs.map((input) => input.autoComplete ?? input.type)).toEqual(['name', 'tel', 'checkbox']);
    const [, phone, consent] = inputs;
    expect(phone?.placeholder).toBe('+7 900 123-45-67');
    expect(textOfId(html, phone?.['aria-describedby'] ?? '')).toBe('Российский номер: +7 и десять цифр');
    expect(html).toContain(`for="${consent?.id}" class="cursor-pointer`);
    expect(html).toContain('Я согласен на обработку ПДн</label>');
    expect(html).not.toContain('<a ');
    expect(html).toMatch(/role="alert"[^>]*>Проверьте номер телефона, например \+7 900 123-45-67</);
    expect(html).toContain('Получить смету</button>');
  });
});
