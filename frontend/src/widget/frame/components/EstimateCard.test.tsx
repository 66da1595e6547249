import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { WidgetApi } from '../api';
import { ChatStoreContext, createChatStore } from '../chatStore';
import { createVisitStore } from '../visits';
import { EstimateCard } from './EstimateCard';

const estimate = {
  lines: [
    { title: 'Ремонт: капитальный', details: 'Вторичное жильё, 54 м², комнат: 2', amount: 567_000 },
    { title: 'Дизайн-проект', details: '54 м²', amount: 108_000 },
  ],
  total: 675_000,
  range: { min: 608_000, max: 776_000 },
};

function render(pdf = { loading: false, error: null as string | null }) {
  const store = createChatStore({
    api: {} as WidgetApi,
    visits: createVisitStore(null),
    page: { pageUrl: undefined, referrer: undefined, utm: {} },
    openEvents: () => () => {},
    postToHost: () => {},
  });
  store.setState({ pdf });
  // Rendering on the server reads a store's initial state; here that is the state set up above.
  store.getInitialState = store.getState;
  const html = renderToStaticMarkup(
    <ChatStoreContext value={store}>
      <EstimateCard estimate={estimate} animate={false} />
    </ChatStoreContext>,
  );
  // Tags out, spaces of every width folded, as a reader of the card sees it.
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

describe('EstimateCard', () => {
  it('shows the range, the lines with their amounts, the total and the PDF button', () => {
    const text = render();
    expect(text).toContain('от 608 000 – до 776 000 ₽');
    expect(text).toContain('Ремонт: капитальный Вторичное жильё, 54 м², комнат: 2 567 000 ₽');
    expect(text).toContain('Дизайн-проект 54 м² 108 000 ₽');
    expect(text).toContain('Итого по расчёту 675 000 ₽');
    expect(text).toContain('Скачать смету (PDF)');
  });

  it('says the PDF is being prepared, and why it could not be', () => {
    expect(render({ loading: true, error: null })).toContain('Готовим PDF…');
    expect(render({ loading: false, error: 'Не удалось сформировать PDF' })).toContain('Не удалось сформировать PDF');
  });
});
