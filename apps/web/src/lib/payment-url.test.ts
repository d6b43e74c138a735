import { describe, expect, it } from 'vitest';
import { isAllowedPaymentUrl } from './payment-url';

const production = { apiUrl: 'https://api.shop.example', paymentHost: 'invoicebox.ru' };
const development = { apiUrl: 'http://localhost:3000', paymentHost: 'invoicebox.ru' };

describe('isAllowedPaymentUrl', () => {
  it('lets the shopper go to Invoicebox over https', () => {
    expect(isAllowedPaymentUrl('https://pay.invoicebox.ru/order/abc', production)).toBe(true);
    expect(isAllowedPaymentUrl('https://invoicebox.ru/order/abc', production)).toBe(true);
  });

  it('refuses foreign hosts, look-alikes, plain http, scripts and junk', () => {
    for (const url of [
      'https://evil.example/order/abc',
      'https://pay.invoicebox.ru.evil.example/order/abc',
      'https://notinvoicebox.ru/order/abc',
      'http://pay.invoicebox.ru/order/abc',
      'https://user:pw@pay.invoicebox.ru/order/abc',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/order/abc',
      '',
      null,
      42,
    ]) {
      expect(isAllowedPaymentUrl(url, production), String(url)).toBe(false);
    }
  });

  it('allows the local sandbox only when the API is local too', () => {
    expect(isAllowedPaymentUrl('http://localhost:4010/order/abc', development)).toBe(true);
    expect(isAllowedPaymentUrl('http://127.0.0.1:4010/order/abc', development)).toBe(true);
    expect(isAllowedPaymentUrl('http://localhost:4010/order/abc', production)).toBe(false);
    expect(isAllowedPaymentUrl('http://evil.example/order/abc', development)).toBe(false);
  });
});
