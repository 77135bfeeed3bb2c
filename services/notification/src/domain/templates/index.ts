import { LOCALES, type Locale } from '@oms/contracts';
import { AFTERSALES_TEMPLATES } from './aftersales-templates';
import { formattersFor } from './format';
import type { MessageContext, RenderedMessage, Template } from './message-context';
import { ORDER_TEMPLATES } from './order-templates';
import { SHIPMENT_TEMPLATES } from './shipment-templates';
import { STAFF_TEMPLATES } from './staff-templates';

export { formatDate, formatMoney, orderNumber } from './format';
export type { MessageContext, OrderItem, RenderedMessage, SkuLine } from './message-context';

/** Every template by name, each in every locale (the delivery log stores the name). */
const TEMPLATES = {
  ...ORDER_TEMPLATES,
  ...SHIPMENT_TEMPLATES,
  ...AFTERSALES_TEMPLATES,
  ...STAFF_TEMPLATES,
};

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

/**
 * Checks that every template exists in every locale, naming each gap. Run when this module loads, so a service
 * missing a template does not start, rather than failing a message when it is due.
 */
export function assertTemplatesComplete(
  registry: Record<string, Partial<Record<Locale, Template>>>,
  names: readonly string[] = Object.keys(registry),
): void {
  const gaps = names.flatMap((name) =>
    LOCALES.filter((locale) => typeof registry[name]?.[locale] !== 'function').map((locale) => `${name} (${locale})`),
  );
  if (gaps.length) throw new Error(`templates missing: ${gaps.join(', ')}`);
}

assertTemplatesComplete(TEMPLATES, TEMPLATE_NAMES);

/** Renders a template in a locale; throws for a template or locale that does not exist. */
export function render(template: string, locale: Locale, context: MessageContext): RenderedMessage {
  const fill = isTemplateName(template) ? (TEMPLATES[template] as Record<Locale, Template>)[locale] : undefined;
  if (!fill) throw new Error(`no template ${template} in ${locale}`);
  return fill(context, formattersFor(locale, context));
}
