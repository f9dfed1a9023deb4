import { isIPv4, isIPv6 } from 'node:net';

/**
 * The string `format`s the apiserver checks (kube-openapi's strfmt registry). Formats it does not
 * know, and numeric ones like `int32`, are not validated by the apiserver, so not here either.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|[+-]\d{2}:\d{2})$/;
const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME =
  /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const MAC =
  /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$/;

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function isDateTime(text: string): boolean {
  // Like strfmt: a date, a 't' (either case), then a time that must carry a zone.
  const lower = text.toLowerCase();
  const t = lower.indexOf('t');
  if (t < 0 || !isDate(lower.slice(0, t))) return false;
  const m = TIME.exec(lower.slice(t + 1));
  if (!m) return false;
  return Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3]) <= 59;
}

function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4(address)) return Number(bits) <= 32;
  return isIPv6(address) && Number(bits) <= 128;
}

const CHECKS: Record<string, (text: string) => boolean> = {
  'date-time': isDateTime,
  datetime: isDateTime,
  date: isDate,
  byte: text => BASE64.test(text),
  uuid: text => UUID.test(text),
  uuid3: text => UUID.test(text),
  uuid4: text => UUID.test(text),
  uuid5: text => UUID.test(text),
  ipv4: isIPv4,
  ipv6: isIPv6,
  cidr: isCidr,
  hostname: text => text.length <= 255 && HOSTNAME.test(text),
  mac: text => MAC.test(text),
};

/** Whether the apiserver validates this format at all. */
export const isCheckedFormat = (format: string): boolean =>
  Object.prototype.hasOwnProperty.call(CHECKS, format);

/** True when the text satisfies the format (or the format is not one the apiserver checks). */
export function matchesFormat(format: string, text: string): boolean {
  return isCheckedFormat(format) ? CHECKS[format](text) : true;
}
