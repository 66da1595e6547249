// The branding and bot forms hold flat text values; the API takes and gives nested objects. Form
// keys are the API's field paths (`contacts.email`), so the server's field errors land under
// the right inputs without translation.
import type {
  BotSettingsInput,
  BotSettingsView,
  BrandingInput,
  BrandingView,
  WidgetConfigView,
} from '@aimax/backend/contracts';
import { parseHexColor } from './colors';

export type BrandingValues = {
  companyName: string;
  primaryColor: string;
  accentColor: string;
  welcomeTitle: string;
  welcomeText: string;
  'contacts.phone': string;
  'contacts.email': string;
  'contacts.address': string;
  'contacts.website': string;
};

export type BotValues = { name: string; greeting: string };

export const brandingValuesOf = (view: BrandingView): BrandingValues => ({
  companyName: view.companyName,
  primaryColor: view.primaryColor,
  accentColor: view.accentColor,
  welcomeTitle: view.welcomeTitle,
  welcomeText: view.welcomeText,
  'contacts.phone': view.contacts.phone,
  'contacts.email': view.contacts.email,
  'contacts.address': view.contacts.address,
  'contacts.website': view.contacts.website,
});

/** The request body; a colour typed loosely (`0f766e`) goes out in the form the API expects. */
export const brandingInputOf = (values: BrandingValues): BrandingInput => ({
  companyName: values.companyName,
  primaryColor: parseHexColor(values.primaryColor) ?? values.primaryColor,
  accentColor: parseHexColor(values.accentColor) ?? values.accentColor,
  welcomeTitle: values.welcomeTitle,
  welcomeText: values.welcomeText,
  contacts: {
    phone: values['contacts.phone'],
    email: values['contacts.email'],
    address: values['contacts.address'],
    website: values['contacts.website'],
  },
});

export const botValuesOf = (view: BotSettingsView): BotValues => ({ name: view.name, greeting: view.greeting });

export const botInputOf = (values: BotValues): BotSettingsInput => ({ name: values.name, greeting: values.greeting });

/** Whether saving would send something other than what is saved: `#0F766E` and `#0f766e` are one colour. */
export const brandingChanged = (values: BrandingValues, saved: BrandingView): boolean =>
  JSON.stringify(brandingInputOf(values)) !== JSON.stringify(brandingInputOf(brandingValuesOf(saved)));

export const botChanged = (values: BotValues, saved: BotSettingsView): boolean =>
  values.name !== saved.name || values.greeting !== saved.greeting;

interface PreviewSources {
  branding: BrandingValues;
  savedBranding: BrandingView;
  bot: BotValues;
  avatar: BotSettingsView['avatar'];
  poweredBy: boolean;
}

/**
 * What the widget would show with the forms as they are now, in the widget's own config shape.
 * A colour being typed (`#0f7`) is not a colour yet: the preview keeps the saved one meanwhile.
 */
export function previewConfigOf({ branding, savedBranding, bot, avatar, poweredBy }: PreviewSources): WidgetConfigView {
  return {
    companyName: branding.companyName.trim() || savedBranding.defaultCompanyName,
    primaryColor: parseHexColor(branding.primaryColor) ?? savedBranding.primaryColor,
    accentColor: parseHexColor(branding.accentColor) ?? savedBranding.accentColor,
    welcomeTitle: branding.welcomeTitle,
    welcomeText: branding.welcomeText,
    logoUrl: savedBranding.logo?.url ?? null,
    bot: { name: bot.name, greeting: bot.greeting, avatarUrl: avatar?.url ?? null },
    poweredBy,
    // The preview's badge is text, not a link.
    poweredByUrl: '',
    // A preview is not a visit: it reaches no Metrika goals.
    metrika: null,
  };
}
