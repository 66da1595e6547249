import { describe, expect, it } from 'vitest';
import { canVisit, homeFor, navigationFor, sectionAt, sections } from './navigation';

const labelsFor = (role: Parameters<typeof navigationFor>[0]) =>
  navigationFor(role).flatMap((group) => group.items.map((item) => item.label));

describe('navigationFor', () => {
  it('gives an owner every company section, grouped, and no platform section', () => {
    expect(labelsFor('owner')).toEqual([
      'Дашборд',
      'Заявки',
      'Диалоги',
      'База знаний',
      'Воронка',
      'Брендинг',
      'Виджет на сайте',
      'Интеграции',
      'Тарифы и оплата',
      'Команда',
    ]);
    expect(navigationFor('owner').map((group) => group.label)).toEqual(['Работа', 'Настройки']);
  });

  it('gives a manager the dashboard, leads, dialogs and the knowledge base only', () => {
    expect(labelsFor('manager')).toEqual(['Дашборд', 'Заявки', 'Диалоги', 'База знаний']);
    expect(navigationFor('manager')).toHaveLength(1);
  });

  it('gives the superadmin the platform sections only', () => {
    expect(navigationFor('superadmin')).toEqual([
      { label: 'Платформа', items: [sections.tenants, sections.invoices, sections.deliveries, sections.seller] },
    ]);
    expect(labelsFor('superadmin')).toEqual(['Компании', 'Счета', 'Доставки', 'Реквизиты']);
  });
});

describe('canVisit', () => {
  it('closes owner sections to a manager, including the pages inside them', () => {
    expect(canVisit('manager', '/team')).toBe(false);
    expect(canVisit('manager', '/billing/invoices')).toBe(false);
    expect(canVisit('manager', '/dialogs')).toBe(true);
    expect(canVisit('manager', '/widget')).toBe(false);
    expect(canVisit('manager', '/leads/0b7c2a43-5a8e-4d7e-9a51-3c1f2f0e8d11')).toBe(true);
  });

  it('keeps company pages from the superadmin and platform pages from companies', () => {
    expect(canVisit('superadmin', '/')).toBe(false);
    expect(canVisit('superadmin', '/platform/tenants')).toBe(true);
    expect(canVisit('owner', '/platform/tenants')).toBe(false);
    expect(canVisit('superadmin', '/platform/invoices')).toBe(true);
    expect(canVisit('owner', '/platform/invoices')).toBe(false);
    expect(canVisit('owner', '/platform/seller')).toBe(false);
    expect(canVisit('manager', '/platform/deliveries')).toBe(false);
    expect(canVisit('manager', '/integrations')).toBe(false);
  });

  it('does not claim paths no section owns, so they end on the 404 page', () => {
    expect(canVisit('manager', '/no-such-page')).toBe(true);
    expect(canVisit('manager', '/teams')).toBe(true);
  });
});

describe('homeFor', () => {
  it('starts company people at the dashboard and the superadmin at Companies', () => {
    expect(homeFor('owner')).toBe('/');
    expect(homeFor('manager')).toBe('/');
    expect(homeFor('superadmin')).toBe('/platform/tenants');
  });
});

describe('sectionAt', () => {
  it('finds the section of a page, and none for an unknown path', () => {
    expect(sectionAt('/platform/tenants')).toBe(sections.tenants);
    expect(sectionAt('/')).toBe(sections.dashboard);
    expect(sectionAt('/nowhere')).toBeUndefined();
  });
});
