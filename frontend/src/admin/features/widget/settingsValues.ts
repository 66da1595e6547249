// The widget settings form holds the sites as one list, as the API takes them, so the server's
// field errors (`allowedOrigins.2`) land under the right list item.
import type { WidgetSettingsInput, WidgetSettingsView } from '@aimax/backend/contracts';

export type WidgetValues = {
  allowedOrigins: string[];
};

type Saved = Pick<WidgetSettingsView, 'allowedOrigins'>;

export const widgetValuesOf = (view: Saved): WidgetValues => ({ allowedOrigins: view.allowedOrigins });

export const widgetInputOf = (values: WidgetValues): WidgetSettingsInput => ({ allowedOrigins: values.allowedOrigins });

/** Whether saving would send something other than what is saved. */
export const widgetSettingsChanged = (values: WidgetValues, saved: Saved): boolean =>
  JSON.stringify(widgetInputOf(values)) !== JSON.stringify(widgetInputOf(widgetValuesOf(saved)));
