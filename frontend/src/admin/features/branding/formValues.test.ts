import type { BotSettingsView, BrandingView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import {
  botChanged,
  botValuesOf,
  brandingChanged,
  brandingInputOf,
  brandingValuesOf,
  previewConfigOf,
} from './formValues';

const saved: BrandingView = {
  companyName: '',
  defaultCompanyName: 'Ремонт Плюс',
  primaryColor: '#4f46e5',
  accentColor: '#f59e0b',
  welcomeTitle: 'Рассчитаем стоимость ремонта',
  welcomeText: 'Ответьте на несколько вопросов',
  contacts: { phone: '+7 495 123-45-67', email: '', address: '', website: 'remont.ru' },
  logo: { url: 'http://localhost:3000/files/public/logo.webp' },
  poweredBy: true,
  whiteLabelPlan: 'Enterprise',
};

const bot: BotSettingsView = { name: 'Консультант', greeting: 'Здравствуйте!', avatar: null };

describe('branding form values', () => {
  it('flatten the contacts under the API’s field paths, and nest them back for the request', () => {
    const values = brandingValuesOf(saved);
    expect(values['contacts.phone']).toBe('+7 495 123-45-67');
    expect(brandingInputOf(values)).toEqual({
      companyName: '',
      primaryColor: '#4f46e5',
      accentColor: '#f59e0b',
      welcomeTitle: 'Рассчитаем стоимость ремонта',
      welcomeText: 'Ответьте на несколько вопросов',
      contacts: { phone: '+7 495 123-45-67', email: '', address: '', website: 'remont.ru' },
    });
  });

  it('send a loosely typed colour in the API’s form, and an invalid one as typed for the server to refuse', () => {
    const values = { ...brandingValuesOf(saved), primaryColor: '0F766E', accentColor: '#zzz' };
    expect(brandingInputOf(values)).toMatchObject({ primaryColor: '#0f766e', accentColor: '#zzz' });
  });

  it('count as changed only when the request would differ from what is saved', () => {
    const values = brandingValuesOf(saved);
    expect(brandingChanged(values, saved)).toBe(false);
    expect(brandingChanged({ ...values, primaryColor: '#4F46E5' }, saved)).toBe(false);
    expect(brandingChanged({ ...values, 'contacts.email': 'hello@remont.ru' }, saved)).toBe(true);
  });
});

describe('bot form values', () => {
  it('count as changed when the name or the greeting differs', () => {
    expect(botChanged(botValuesOf(bot), bot)).toBe(false);
    expect(botChanged({ ...botValuesOf(bot), name: 'Алиса' }, bot)).toBe(true);
  });
});

describe('previewConfigOf', () => {
  const sources = { branding: brandingValuesOf(saved), savedBranding: saved, bot: botValuesOf(bot), poweredBy: true };

  it('shows the registered name while the widget name is empty', () => {
    expect(previewConfigOf({ ...sources, avatar: null }).companyName).toBe('Ремонт Плюс');
    const named = { ...sources, branding: { ...sources.branding, companyName: 'Ремонт Профи' }, avatar: null };
    expect(previewConfigOf(named).companyName).toBe('Ремонт Профи');
  });

  it('follows the colour as typed once it is one, and keeps the saved colour while it is not', () => {
    const typing = (primaryColor: string) =>
      previewConfigOf({ ...sources, branding: { ...sources.branding, primaryColor }, avatar: null }).primaryColor;
    expect(typing('#0F766E')).toBe('#0f766e');
    expect(typing('#0F7')).toBe('#00ff77');
    expect(typing('#0F76')).toBe('#4f46e5');
  });

  it('carries the uploaded images and the bot texts', () => {
    const config = previewConfigOf({ ...sources, avatar: { url: 'http://localhost:3000/files/public/avatar.webp' } });
    expect(config).toMatchObject({
      logoUrl: 'http://localhost:3000/files/public/logo.webp',
      bot: {
        name: 'Консультант',
        greeting: 'Здравствуйте!',
        avatarUrl: 'http://localhost:3000/files/public/avatar.webp',
      },
      poweredBy: true,
      poweredByUrl: '',
    });
  });
});
