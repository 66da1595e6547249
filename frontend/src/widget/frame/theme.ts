// The company's colours as the CSS variables the frame's styles read (styles.css holds defaults).
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { readableTextOn } from '../colors';

type Colors = Pick<WidgetConfigView, 'primaryColor'> & Partial<Pick<WidgetConfigView, 'accentColor'>>;

export function applyTheme(colors: Colors, root: HTMLElement): void {
  root.style.setProperty('--color-primary', colors.primaryColor);
  root.style.setProperty('--color-on-primary', readableTextOn(colors.primaryColor));
  if (colors.accentColor) {
    root.style.setProperty('--color-accent', colors.accentColor);
    root.style.setProperty('--color-on-accent', readableTextOn(colors.accentColor));
  }
}
