import { formatRub } from '@checkout/invoicebox/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { clearCart, useCart } from '../../cart/cart-store';
import { priceCart } from '../../cart/cart-totals';
import { describeApiError, isDefiniteRejection } from '../../lib/api-error';
import { isAllowedPaymentUrl } from '../../lib/payment-url';
import { Link } from '../../router';
import { useTRPC } from '../../trpc';
import { CartPanel } from '../cart-panel';
import { NOTES } from './company-autofill';
import { CompanyChoices } from './company-choices';
import { CustomerFields } from './customer-fields';
import {
  type CustomerField,
  type CustomerForm,
  checkCustomer,
  EMPTY_CUSTOMER,
  type FieldErrors,
  validateCustomer,
} from './customer-form';
import { useCompanyAutofill } from './use-company-autofill';

const SERVER_FIELD_MESSAGES: Record<CustomerField, string> = {
  name: 'Магазин не принял имя: проверьте его',
  email: 'Магазин не принял e-mail: проверьте его',
  phone: 'Магазин не принял телефон: проверьте номер',
  vatNumber: 'Магазин не принял ИНН: проверьте его',
  kpp: 'Магазин не принял КПП: проверьте его',
  registrationAddress: 'Магазин не принял адрес: проверьте его',
};

export function CheckoutPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const catalog = useQuery(trpc.catalog.list.queryOptions());
  const cart = useCart();
  const priced = priceCart(cart, catalog.data);
  const [form, setForm] = useState<CustomerForm>(EMPTY_CUSTOMER);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [redirecting, setRedirecting] = useState(false);
  const [linkRefused, setLinkRefused] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // One key per checkout attempt: a double click or a retry after a lost answer gives the same order.
  const idempotencyKey = useRef(crypto.randomUUID());
  const create = useMutation(trpc.orders.create.mutationOptions());

  useEffect(() => {
    document.title = 'Оформление заказа — Демо-магазин';
  }, []);

  const apply = (next: CustomerForm) => {
    setForm(next);
    // Once the shopper has tried to submit, errors follow the typing (and the autofill).
    if (submitted) setErrors(validateCustomer(next));
  };
  const autofill = useCompanyAutofill(form, apply);
  const update = (patch: Partial<CustomerForm>) => {
    autofill.typedByHand(patch);
    apply({ ...form, ...patch });
  };

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending || redirecting) return;
    setLinkRefused(false);
    setSubmitted(true);
    const { customer, errors: found } = checkCustomer(form);
    setErrors(found ?? {});
    if (!customer) return focusFirstError();
    if (priced.lines.length === 0) return;
    create.mutate(
      {
        idempotencyKey: idempotencyKey.current,
        lines: priced.lines.map(({ product, quantity }) => ({ sku: product.sku, quantity })),
        customer,
      },
      {
        onSuccess: ({ paymentUrl }) => {
          // Only Invoicebox's payment page: never send the shopper (and their cart) anywhere else.
          if (!isAllowedPaymentUrl(paymentUrl)) return setLinkRefused(true);
          setRedirecting(true);
          clearCart();
          window.location.assign(paymentUrl);
        },
        onError: (error) => {
          if (isDefiniteRejection(error)) idempotencyKey.current = crypto.randomUUID();
          const fields = describeApiError(error).fields;
          // A product left the catalog meanwhile: reload it, the cart then shows what can still be bought.
          if (fields.sku) void queryClient.invalidateQueries({ queryKey: trpc.catalog.list.queryKey() });
          const serverErrors: FieldErrors = {};
          for (const key of Object.keys(fields)) {
            if (key in SERVER_FIELD_MESSAGES)
              serverErrors[key as CustomerField] = SERVER_FIELD_MESSAGES[key as CustomerField];
          }
          if (Object.keys(serverErrors).length > 0) {
            setErrors(serverErrors);
            focusFirstError();
          }
        },
      },
    );
  };

  if (catalog.isSuccess && priced.lines.length === 0 && !redirecting) {
    return (
      <section>
        <h1>Оформление заказа</h1>
        <p>
          Корзина пуста. <Link href="/">Выбрать товары</Link>
        </p>
      </section>
    );
  }

  const busy = create.isPending || redirecting;
  return (
    <div className="catalog-layout">
      <section aria-labelledby="checkout-title">
        <h1 id="checkout-title">Оформление заказа</h1>
        <form
          ref={formRef}
          onSubmit={onSubmit}
          noValidate
          className="checkout-form"
          data-testid="checkout-form"
        >
          <CustomerFields
            form={form}
            errors={autofill.innError ? { ...errors, vatNumber: autofill.innError } : errors}
            onChange={update}
            inn={{
              onBlur: autofill.onInnBlur,
              note: autofill.note ? NOTES[autofill.note] : undefined,
              choices: (
                <CompanyChoices
                  choices={autofill.choices}
                  chosen={autofill.chosen}
                  onChoose={autofill.choose}
                />
              ),
            }}
          />
          {create.isError && !busy && (
            <p role="alert" className="error-box" data-testid="checkout-error">
              {describeApiError(create.error).message}
            </p>
          )}
          {linkRefused && !busy && (
            <p role="alert" className="error-box" data-testid="checkout-error">
              Платёжный сервис вернул ссылку не на страницу оплаты Инвойсбокс, мы не стали по ней переходить.
              Заказ не оплачен; попробуйте позже.
            </p>
          )}
          <button
            type="submit"
            className="primary"
            disabled={busy || !catalog.isSuccess}
            data-testid="pay-button"
          >
            {busy ? 'Переходим к оплате…' : `Перейти к оплате ${formatRub(priced.amount)}`}
          </button>
          <p className="muted">Оплата на защищённой странице Инвойсбокс. Чек придёт на указанный e-mail.</p>
        </form>
      </section>
      <CartPanel products={catalog.data} checkoutLink={false} />
    </div>
  );
}
