import { html, type SafeHtml } from '../html.js';
import { TEST_CARDS } from '../test-cards.js';
import type { MerchantConfig, OrderJson } from '../types.js';
import {
  type CustomerField,
  type FormErrors,
  type FormValues,
  hiddenFields,
  lockedFields,
} from './form-values.js';
import type { Texts } from './i18n.js';
import { page } from './layout.js';
import { orderSummary } from './render-order.js';

interface FieldSpec {
  name: keyof FormValues;
  label: string;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  inputmode?: string;
  readonly?: boolean;
  placeholder?: string;
}

function field(spec: FieldSpec, values: FormValues, errors: FormErrors): SafeHtml {
  const id = `f-${spec.name}`;
  const error = errors[spec.name];
  return html`<div>
<label for="${id}">${spec.label}</label>
<input id="${id}" name="${spec.name}" type="${spec.type ?? 'text'}" value="${values[spec.name] ?? ''}"
 ${spec.autocomplete ? html`autocomplete="${spec.autocomplete}"` : ''} ${spec.inputmode ? html`inputmode="${spec.inputmode}"` : ''}
 ${spec.placeholder ? html`placeholder="${spec.placeholder}"` : ''} ${spec.readonly ? html`readonly` : ''}
 ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''}>
${error ? html`<p class="error" id="${id}-error" data-testid="error-${spec.name}">${error}</p>` : ''}
</div>`;
}

function typeChoice(values: FormValues, locked: boolean, t: Texts, error?: string): SafeHtml {
  const option = (value: 'private' | 'legal', label: string) =>
    html`<label><input type="radio" name="type" value="${value}" ${values.type === value ? html`checked` : ''} ${locked ? html`disabled` : ''}> ${label}</label>`;
  return html`<fieldset><legend>${t.type}</legend><div class="radio">${option('private', t.private)}${option('legal', t.legal)}</div>
${error ? html`<p class="error" data-testid="error-type">${error}</p>` : ''}</fieldset>`;
}

export function renderPaymentForm(
  order: OrderJson,
  merchant: MerchantConfig | undefined,
  t: Texts,
  values: FormValues,
  errors: FormErrors = {},
): string {
  const locked = lockedFields(order);
  const hidden = hiddenFields(order);
  const customer = (name: CustomerField, spec: Omit<FieldSpec, 'name' | 'readonly'>) =>
    hidden.has(name) ? '' : field({ ...spec, name, readonly: locked.has(name) }, values, errors);
  const hasErrors = Object.keys(errors).length > 0;
  const action = `/order/${encodeURIComponent(order.orderContainerId)}/pay`;
  const body = html`${orderSummary(order, merchant, t)}
<form method="post" action="${action}" class="card" novalidate data-testid="payment-form">
${hasErrors ? html`<p class="alert" role="alert" data-testid="form-error">${errors.form ?? t.fixErrors}</p>` : ''}
<h2>${t.payer}</h2>
${hidden.has('type') ? '' : typeChoice(values, locked.has('type'), t, errors.type)}
${customer('name', { label: t.name, autocomplete: 'name' })}
<div class="row">
${customer('phone', { label: t.phone, type: 'tel', autocomplete: 'tel', inputmode: 'tel', placeholder: '79001112233' })}
${customer('email', { label: t.email, type: 'email', autocomplete: 'email' })}
</div>
<div class="company"><p class="muted">${t.companyOnly}</p>
<div class="row">
${customer('vatNumber', { label: t.vatNumber, inputmode: 'numeric' })}
${customer('kpp', { label: t.kpp })}
</div>
${customer('registrationAddress', { label: t.registrationAddress, autocomplete: 'street-address' })}
</div>
<h2 style="margin-top:1.5rem">${t.card}</h2>
${field({ name: 'cardNumber', label: t.cardNumber, autocomplete: 'cc-number', inputmode: 'numeric', placeholder: '0000 0000 0000 0000' }, values, errors)}
<div class="row">
${field({ name: 'cardExpiry', label: t.cardExpiry, autocomplete: 'cc-exp', placeholder: '12/30' }, values, errors)}
${field({ name: 'cardCvc', label: t.cardCvc, autocomplete: 'cc-csc', inputmode: 'numeric' }, { ...values, cardCvc: '' }, errors)}
</div>
<button type="submit" name="action" value="card" data-testid="pay">${t.pay}</button>
<div class="company"><p class="muted">${t.invoiceHint}</p>
<button type="submit" name="action" value="invoice" class="secondary" data-testid="get-invoice">${t.getInvoice}</button></div>
<details class="muted" style="margin-top:1rem"><summary>${t.testCards}</summary>
<ul><li>${TEST_CARDS.success} — ok</li><li>${TEST_CARDS.declined} — declined</li><li>${TEST_CARDS.confirmationCode} — code 123456</li></ul></details>
${order.returnUrl ? html`<p><a href="${order.returnUrl}" data-testid="return">${t.back}</a></p>` : ''}
<p class="muted">${t.sandboxNote}</p>
</form>`;
  return page(order.languageId, t.title, body);
}
