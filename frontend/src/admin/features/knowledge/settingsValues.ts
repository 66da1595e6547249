// The search settings' form holds its numbers as typed; the API takes numbers. A value that is
// not one is sent as null, so the server's message about that field is what the owner sees.
import type { KnowledgeSettingsBody } from '@/lib/api';

export type SettingsValues = Record<keyof KnowledgeSettingsBody, string>;

export const settingsValuesOf = (settings: KnowledgeSettingsBody): SettingsValues => ({
  topK: String(settings.topK),
  minSimilarity: String(settings.minSimilarity),
  qaSimilarity: String(settings.qaSimilarity),
});

/** «0,5» is how a Russian keyboard writes a half; the API reads «0.5». */
const numberOf = (typed: string): number => {
  const normalized = typed.trim().replace(',', '.');
  return normalized === '' ? Number.NaN : Number(normalized);
};

export const settingsInputOf = (values: SettingsValues): KnowledgeSettingsBody => ({
  topK: numberOf(values.topK),
  minSimilarity: numberOf(values.minSimilarity),
  qaSimilarity: numberOf(values.qaSimilarity),
});
