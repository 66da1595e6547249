// A company's own domain as the owner types it («chat.company.ru», «окна.рф», a pasted
// «https://Chat.Company.ru/»), made the one form DNS and the Host header use: lower case, no
// trailing dot, IDN as punycode. Refused with the reason in Russian: what is not a hostname, an IP
// address, a name with one label, and the platform's own hosts with their subdomains.
import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';

export type HostnameCheck = { ok: true; hostname: string; display: string } | { ok: false; message: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function normalizeHostname(input: string, platformHosts: readonly string[]): HostnameCheck {
  let text = input.trim();
  // A pasted address: its host is what was meant.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      text = new URL(text).hostname;
    } catch {
      return { ok: false, message: 'Укажите домен, например chat.company.ru' };
    }
  }
  text = text.replace(/\.$/, '');
  if (isIP(text.replace(/^\[|\]$/g, '')) !== 0) return { ok: false, message: 'Нужен домен, а не IP-адрес' };
  const hostname = domainToASCII(text);
  const labels = hostname.split('.');
  if (!hostname || hostname.length > 253 || !labels.every((label) => LABEL.test(label))) {
    return { ok: false, message: 'Укажите домен, например chat.company.ru' };
  }
  const platform = platformHosts.find((host) => hostname === host || hostname.endsWith(`.${host}`));
  if (platform) return { ok: false, message: `Домены ${platform} принадлежат платформе: укажите домен компании` };
  if (labels.length < 2 || /^[0-9]+$/.test(labels.at(-1) ?? '')) {
    return { ok: false, message: 'Укажите домен целиком, с зоной: например chat.company.ru' };
  }
  return { ok: true, hostname, display: domainToUnicode(hostname) };
}
