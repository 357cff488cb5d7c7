import { moneyToNumber, parseMoney } from '@headroom/core';

/** Grafana's currency units for the common codes; others print the code before the number. */
export function currencyUnit(currency: string): string {
  const known: Record<string, string> = {
    USD: 'currencyUSD',
    EUR: 'currencyEUR',
    GBP: 'currencyGBP',
    JPY: 'currencyJPY',
    CHF: 'currencyCHF',
  };
  return known[currency.toUpperCase()] ?? `prefix:${currency} `;
}

/**
 * A decimal amount from the cost API as a frame number. Frames hold floats; the exact decimal is
 * the backend's, and a value that is not a decimal is an error naming where it came from.
 */
export function amount(text: string | null, where: string): number | null {
  if (text === null) {
    return null;
  }
  const money = parseMoney(text);
  if (money === undefined) {
    throw new Error(`${where}: "${text}" is not a decimal amount`);
  }
  return moneyToNumber(money);
}
