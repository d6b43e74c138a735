import type { DbOrTx } from './client.js';
import { products } from './schema.js';

type NewProduct = typeof products.$inferInsert;

/** The demo shop's shelf: prices in kopecks, VAT codes mixed on purpose (22 %, 10 %, none). */
export const DEMO_CATALOG: NewProduct[] = [
  {
    sku: 'TEA-100',
    name: 'Иван-чай листовой, 100 г',
    description: 'Ферментированный кипрей из Карелии.',
    price: 34_900,
    vatCode: 'RUS_VAT22',
    measure: 'шт',
    measureCode: '796',
    itemType: 'commodity',
    paymentType: 'full_prepayment',
    position: 1,
  },
  {
    sku: 'MUG-350',
    name: 'Кружка керамическая, 350 мл',
    description: 'Белая, с синей каймой, можно в посудомоечную машину.',
    price: 79_000,
    vatCode: 'RUS_VAT22',
    measure: 'шт',
    measureCode: '796',
    itemType: 'commodity',
    paymentType: 'full_prepayment',
    position: 2,
  },
  {
    sku: 'HONEY-500',
    name: 'Мёд гречишный, 500 г',
    description: 'Урожай этого года, стеклянная банка.',
    price: 56_050,
    vatCode: 'RUS_VAT10',
    measure: 'шт',
    measureCode: '796',
    itemType: 'commodity',
    paymentType: 'full_prepayment',
    position: 3,
  },
  {
    sku: 'BOOK-PAY',
    name: 'Книга «Платежи в интернете»',
    description: 'Как устроены эквайринг, фискальные чеки и возвраты.',
    price: 124_950,
    vatCode: 'RUS_VAT10',
    measure: 'шт',
    measureCode: '796',
    itemType: 'commodity',
    paymentType: 'full_prepayment',
    position: 4,
  },
  {
    sku: 'CONSULT-1H',
    name: 'Консультация по подключению оплаты, 1 час',
    description: 'Онлайн-встреча со специалистом.',
    price: 300_000,
    vatCode: 'VATNONE',
    measure: 'ч',
    measureCode: '356',
    itemType: 'service',
    paymentType: 'full_prepayment',
    position: 5,
  },
  {
    sku: 'DELIVERY-MSK',
    name: 'Доставка курьером по Москве',
    description: 'В пределах МКАД, на следующий день.',
    price: 35_000,
    vatCode: 'RUS_VAT22',
    measure: 'шт',
    measureCode: '796',
    itemType: 'service',
    paymentType: 'full_prepayment',
    position: 6,
  },
];

/** Idempotent: existing rows (possibly edited by staff) are left alone. */
export async function seedCatalog(db: DbOrTx): Promise<void> {
  await db.insert(products).values(DEMO_CATALOG).onConflictDoNothing({ target: products.sku });
}
