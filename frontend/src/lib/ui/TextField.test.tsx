import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TextField } from './TextField';

const render = (props: Partial<Parameters<typeof TextField>[0]> = {}) =>
  renderToStaticMarkup(<TextField label="Email" name="email" value="" onChange={() => {}} {...props} />);

/** The attributes of the first `<tag …>` in the markup. */
function attributesOf(html: string, tag: string): Record<string, string> {
  const element = html.match(new RegExp(`<${tag}\\b([^>]*)>`))?.[1] ?? '';
  return Object.fromEntries([...element.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
}

const textOfId = (html: string, id: string) => html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))?.[1];

describe('TextField', () => {
  it('labels the input', () => {
    const html = render();
    const input = attributesOf(html, 'input');
    expect(attributesOf(html, 'label').for).toBe(input.id);
    expect(input['aria-invalid']).toBeUndefined();
    expect(input['aria-describedby']).toBeUndefined();
  });

  it('marks an input with a server error invalid and ties the error, then the hint, to it', () => {
    const html = render({ error: 'Введите корректный email', hint: 'Рабочий адрес' });
    const input = attributesOf(html, 'input');
    expect(input['aria-invalid']).toBe('true');
    const described = (input['aria-describedby'] ?? '').split(' ').map((id) => textOfId(html, id));
    expect(described).toEqual(['Введите корректный email', 'Рабочий адрес']);
  });

  it('gives a password field a button that shows the password', () => {
    const html = render({ type: 'password' });
    expect(attributesOf(html, 'input').type).toBe('password');
    expect(attributesOf(html, 'button')['aria-label']).toBe('Показать пароль');
  });
});
