// A small funnel for the editor's tests: two object types, two repair types, every price filled in.
import type { FunnelConfig } from '@aimax/backend/contracts';

const choice = <Id extends string>(id: Id, options: [string, string][]) => ({
  id,
  title: `Вопрос ${id}`,
  enabled: true,
  options: options.map(([optionId, label]) => ({ id: optionId, label })),
});

export function aFunnel(): FunnelConfig {
  return {
    version: 1,
    steps: {
      objectType: choice('objectType', [
        ['flat', 'Квартира'],
        ['house', 'Дом'],
      ]),
      repairType: choice('repairType', [
        ['cosmetic', 'Косметический'],
        ['capital', 'Капитальный'],
      ]),
      area: { id: 'area', title: 'Площадь?', enabled: true, min: 5, max: 500 },
      rooms: { id: 'rooms', title: 'Комнат?', enabled: true, max: 10 },
      replanning: choice('replanning', [
        ['yes', 'Да'],
        ['no', 'Нет'],
      ]),
      designProject: choice('designProject', [
        ['yes', 'Да'],
        ['no', 'Нет'],
      ]),
      timing: choice('timing', [
        ['soon', 'Скоро'],
        ['later', 'Позже'],
      ]),
      contacts: { id: 'contacts', title: 'Куда прислать?', enabled: true, consentText: 'Согласен' },
    },
    pricing: {
      perM2: { flat: { cosmetic: 4000, capital: 8000 }, house: { cosmetic: 5000, capital: 9000 } },
      includedRooms: 2,
      perExtraRoomPercent: 3,
      replanning: { yes: 50_000, no: 0 },
      designProjectPerM2: { yes: 1500, no: 0 },
      timingPercent: { soon: 10, later: -5 },
      rangePercent: { low: -10, high: 15 },
    },
  };
}
